package io.rewardloop.scorer.metrics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/** Events per second over a trailing window, for humans reading /metrics; thread-safe. */
final class RateWindow {

    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Deque<long[]> buckets = new ArrayDeque<>();

    RateWindow(long windowNanos, LongSupplier nanoClock) {
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
    }

    synchronized void add(long count) {
        buckets.addLast(new long[] {nanoClock.getAsLong(), count});
        evict(nanoClock.getAsLong());
    }

    synchronized double perSecond() {
        long now = nanoClock.getAsLong();
        evict(now);
        long total = 0;
        for (long[] bucket : buckets) {
            total += bucket[1];
        }
        return total / (windowNanos / 1e9);
    }

    private void evict(long now) {
        while (!buckets.isEmpty() && now - buckets.peekFirst()[0] > windowNanos) {
            buckets.removeFirst();
        }
    }
}
