package io.rewardloop.retrainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's own threads, which all must run for it to work: {@link #awaitAny()} returns as soon
 * as any one of them ends, by an exception or by returning, so that a dead reader ends the process
 * just as a dead round loop does. Daemon threads.
 */
final class ServiceThreads {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceThreads.class);

    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable failure;

    /**
     * Adds a thread, not started.
     *
     * @param name its name
     * @param body what it runs
     * @return the thread
     */
    Thread add(String name, Runnable body) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                body.run();
                            } catch (RuntimeException | Error e) {
                                failure = e;
                                LOG.error("{} died", name, e);
                            } finally {
                                ended.countDown();
                            }
                        },
                        name);
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    /** Starts every thread added. */
    void start() {
        threads.forEach(Thread::start);
    }

    /**
     * Waits until any thread has ended.
     *
     * @throws InterruptedException when interrupted
     */
    void awaitAny() throws InterruptedException {
        ended.await();
    }

    /**
     * What killed a thread.
     *
     * @return the first uncaught exception, or empty
     */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }
}
