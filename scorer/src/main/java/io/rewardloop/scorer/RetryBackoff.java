package io.rewardloop.scorer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Bounded exponential backoff between tries of a batch that failed for a transient cause: the
 * initial wait, doubled per failure in a row, never above the maximum; reset by a success. The wait
 * ends early when the loop is stopped.
 */
final class RetryBackoff {

    private final Duration initial;
    private final Duration max;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private int failuresInARow;

    RetryBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The wait {@link #pause()} will make now. */
    Duration nextDelay() {
        long nanos = initial.toNanos();
        for (int i = 0; i < failuresInARow && nanos < max.toNanos(); i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, max.toNanos()));
    }

    /**
     * Counts one more failure in a row and waits {@link #nextDelay()}, or less when {@link #stop()}
     * is called.
     *
     * @return the wait it was asked to make
     * @throws InterruptedException when interrupted
     */
    Duration pause() throws InterruptedException {
        Duration delay = nextDelay();
        failuresInARow++;
        stopped.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        return delay;
    }

    int failuresInARow() {
        return failuresInARow;
    }

    void reset() {
        failuresInARow = 0;
    }

    void stop() {
        stopped.countDown();
    }
}
