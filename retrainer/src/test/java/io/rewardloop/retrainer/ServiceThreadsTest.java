package io.rewardloop.retrainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The service ends as soon as any one of its threads dies, whichever it is. */
class ServiceThreadsTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void shouldReturnWhenTheSecondThreadDiesWhileTheFirstStillRuns() throws Exception {
        ServiceThreads threads = new ServiceThreads();
        Thread rounds = threads.add("rounds", this::blockUntilReleased);
        threads.add(
                "feedback",
                () -> {
                    throw new IllegalStateException("topic rlhf.preferences does not exist");
                });
        threads.start();

        awaitWithin(threads, Duration.ofSeconds(10));

        assertThat(threads.failure())
                .get()
                .extracting(Throwable::getMessage)
                .isEqualTo("topic rlhf.preferences does not exist");
        assertThat(rounds.isAlive()).as("the other thread still runs").isTrue();
        release.countDown();
    }

    @Test
    void shouldReturnWithoutAFailureWhenAThreadReturnsOnItsOwn() throws Exception {
        ServiceThreads threads = new ServiceThreads();
        threads.add("rounds", this::blockUntilReleased);
        threads.add("feed", () -> {});
        threads.start();

        awaitWithin(threads, Duration.ofSeconds(10));

        assertThat(threads.failure()).isEmpty();
        release.countDown();
    }

    private static void awaitWithin(ServiceThreads threads, Duration limit) throws Exception {
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            Future<?> returned =
                    waiter.submit(
                            () -> {
                                threads.awaitAny();
                                return null;
                            });
            returned.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            waiter.shutdownNow();
        }
    }

    private void blockUntilReleased() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
