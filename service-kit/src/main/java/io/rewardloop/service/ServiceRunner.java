package io.rewardloop.service;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to run a service: start it, say where it listens, stop it on Ctrl-C (a shutdown hook)
 * or on {@link #close()}, and tell a stop from a death: {@link #awaitExit()} returns 0 after a stop
 * and 1 when the service ended on its own (its main loop failed).
 *
 * <pre>{@code
 * try (ServiceRunner<ScorerService> runner = ServiceRunner.builder("scorer", () -> ScorerService.start(config, loader))
 *         .optAlsoClose(loader).optOut(console).start()) {
 *     return runner.awaitExit();
 * }
 * }</pre>
 *
 * @param <S> the service type
 */
public final class ServiceRunner<S extends ServiceRunner.Service> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    /** What the runner runs. */
    public interface Service extends AutoCloseable {

        /**
         * Blocks until the service's main loop ends, after {@link #close()} or on its own.
         *
         * @throws InterruptedException when interrupted
         */
        void awaitTermination() throws InterruptedException;

        /**
         * Where the service listens and what it does, for the start-up line.
         *
         * @return e.g. {@code rlhf.responses -> rlhf.rewards, http://0.0.0.0:8080/health}
         */
        String describe();

        /**
         * Why the service ended on its own, if it did.
         *
         * @return the failure, or empty
         */
        Optional<String> failure();

        /** Stops the service; idempotent. */
        @Override
        void close();
    }

    private final String name;
    private final S service;
    private final List<AutoCloseable> alsoClose;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread hook;

    private ServiceRunner(String name, S service, List<AutoCloseable> alsoClose, boolean withHook) {
        this.name = name;
        this.service = service;
        this.alsoClose = alsoClose;
        this.hook = withHook ? new Thread(this::close, name + "-shutdown") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /**
     * Starts building a runner.
     *
     * @param name the service's name, for logs
     * @param starter starts the service (and throws when it cannot)
     * @param <S> the service type
     * @return the builder
     */
    public static <S extends Service> Builder<S> builder(String name, Supplier<S> starter) {
        return new Builder<>(name, starter);
    }

    /**
     * The running service.
     *
     * @return the service
     */
    public S service() {
        return service;
    }

    /**
     * Blocks until the service ends.
     *
     * @return 0 when it was stopped ({@link #close()}, Ctrl-C), 1 when it ended on its own
     * @throws InterruptedException when interrupted
     */
    public int awaitExit() throws InterruptedException {
        service.awaitTermination();
        if (stopping.get()) {
            return 0;
        }
        LOG.error(
                "{} ended on its own: {}",
                name,
                service.failure().orElse("its main loop returned without a stop"));
        return 1;
    }

    /** Stops the service, then closes what it uses, newest first. Idempotent. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook runs now or soon; it finds the runner stopped and returns.
            }
        }
        LOG.info("stopping {}", name);
        closeQuietly(service);
        for (int i = alsoClose.size() - 1; i >= 0; i--) {
            closeQuietly(alsoClose.get(i));
        }
    }

    private void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("{}: closing {} failed", name, closeable, e);
        }
    }

    /**
     * Builds and starts a {@link ServiceRunner}.
     *
     * @param <S> the service type
     */
    public static final class Builder<S extends Service> {

        private final String name;
        private final Supplier<S> starter;
        private final List<AutoCloseable> alsoClose = new ArrayList<>();
        private PrintWriter out;
        private boolean shutdownHook = true;

        private Builder(String name, Supplier<S> starter) {
            this.name = Objects.requireNonNull(name, "name");
            this.starter = Objects.requireNonNull(starter, "starter");
        }

        /**
         * Also close this after the service stops (e.g. the model loader it uses).
         *
         * @param closeable the resource
         * @return this builder
         */
        public Builder<S> optAlsoClose(AutoCloseable closeable) {
            alsoClose.add(Objects.requireNonNull(closeable, "closeable"));
            return this;
        }

        /**
         * Print the start-up line here too (the CLI's console), not only to the log.
         *
         * @param console the console
         * @return this builder
         */
        public Builder<S> optOut(PrintWriter console) {
            this.out = console;
            return this;
        }

        /**
         * Whether Ctrl-C (JVM shutdown) stops the service; on by default. Off when the caller stops
         * it itself, in an order of its own (e.g. before the embedded broker it uses).
         *
         * @param enabled whether to register the hook
         * @return this builder
         */
        public Builder<S> optShutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * Starts the service and the runner. When the service cannot start, what was given to
         * {@link #optAlsoClose} is closed and the exception propagates.
         *
         * @return the running runner
         */
        public ServiceRunner<S> start() {
            S service;
            try {
                service = starter.get();
            } catch (RuntimeException e) {
                alsoClose.forEach(Builder::closeSilently);
                throw e;
            }
            ServiceRunner<S> runner =
                    new ServiceRunner<>(name, service, List.copyOf(alsoClose), shutdownHook);
            String line = name + ": " + service.describe();
            LOG.info("started {}", line);
            if (out != null) {
                out.println(line);
                out.flush();
            }
            return runner;
        }

        private static void closeSilently(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing {} after a failed start failed", closeable, e);
            }
        }
    }
}
