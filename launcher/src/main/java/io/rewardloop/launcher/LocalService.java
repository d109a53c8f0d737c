package io.rewardloop.launcher;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.service.ServiceRunner;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A service that {@code rlhf up} runs in its own process, next to the broker, through the same
 * {@link ServiceRunner} as its own command ({@code rlhf scorer}, {@code rlhf feedback-ingest}).
 * {@code up} stops it itself, before the broker, so it gets no shutdown hook of its own; when it
 * dies, the console says so and the broker keeps running.
 *
 * @param <S> the service
 */
final class LocalService<S extends ServiceRunner.Service> implements AutoCloseable {

    private final ServiceRunner<S> runner;

    private LocalService(ServiceRunner<S> runner) {
        this.runner = runner;
    }

    /**
     * Starts a service and prints where it listens.
     *
     * @param name what the console calls it
     * @param starter starts the service
     * @param alsoClose closed after the service (its model loader, ...), or null
     * @param out the console
     * @return the running service
     */
    static <S extends ServiceRunner.Service> LocalService<S> start(
            String name, Supplier<S> starter, AutoCloseable alsoClose, PrintWriter out) {
        ServiceRunner.Builder<S> builder =
                ServiceRunner.builder(name, starter).optOut(out).optShutdownHook(false);
        if (alsoClose != null) {
            builder.optAlsoClose(alsoClose);
        }
        LocalService<S> local = new LocalService<>(builder.start());
        local.watch(name, out);
        return local;
    }

    /**
     * The configuration a local service reads: the command's, pointed at the stack's broker and the
     * Schema Registry it serves (if any), its HTTP endpoint on 127.0.0.1 unless the operator chose
     * a bind address.
     *
     * @param stack the running broker
     * @param cluster the command's options
     * @param defaults settings taken unless the environment, a system property or a flag gives them
     * @param bindKey the service's HTTP bind-address key
     * @return the source
     */
    static ConfigSource source(
            KafkaStack stack,
            ClusterOptions cluster,
            Map<String, String> defaults,
            String bindKey) {
        Map<String, Object> flags = new HashMap<>();
        ConfigSource given = cluster.source(Map.of());
        defaults.forEach(
                (key, value) -> {
                    if (given.raw(key).isEmpty()) {
                        flags.put(key, value);
                    }
                });
        flags.put("bootstrap.servers", stack.bootstrapServers());
        stack.servedRegistryUrl().ifPresent(url -> flags.put(UpConfig.SCHEMA_REGISTRY_URL, url));
        if (given.raw(bindKey).isEmpty()) {
            flags.put(bindKey, "127.0.0.1");
        }
        return cluster.source(flags);
    }

    /**
     * The running service.
     *
     * @return the service
     */
    S service() {
        return runner.service();
    }

    /** Says so on the console when the service dies; the broker keeps running until Ctrl-C. */
    private void watch(String name, PrintWriter out) {
        Thread watcher =
                new Thread(
                        () -> {
                            try {
                                if (runner.awaitExit() != 0) {
                                    out.printf(
                                            "%s stopped on its own (%s); the broker keeps"
                                                    + " running. Ctrl-C to stop.%n",
                                            name, runner.service().failure().orElse("see the log"));
                                    out.flush();
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name + "-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public void close() {
        runner.close();
    }
}
