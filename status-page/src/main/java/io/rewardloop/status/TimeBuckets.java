package io.rewardloop.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The newest {@code capacity} fixed-width time buckets of a stream, keyed by bucket start: memory
 * stays bounded however long the topics are. A record for a bucket older than every kept one, when
 * all slots are taken, is dropped (and counted): history scrolls off the left edge.
 *
 * @param <B> what a bucket holds
 */
final class TimeBuckets<B> {

    private final long widthMillis;
    private final int capacity;
    private final LongFunction<B> create;
    private final TreeMap<Long, B> buckets = new TreeMap<>();
    private long dropped;

    TimeBuckets(long widthMillis, int capacity, LongFunction<B> create) {
        if (widthMillis < 1 || capacity < 1) {
            throw new IllegalArgumentException(
                    "bucket width and count must be positive, got "
                            + widthMillis
                            + " ms and "
                            + capacity);
        }
        this.widthMillis = widthMillis;
        this.capacity = capacity;
        this.create = create;
    }

    /**
     * The bucket a record time falls into, created when new.
     *
     * @param timestampMillis the record time
     * @return the bucket, or null when it is older than every kept bucket and there is no room
     */
    B at(long timestampMillis) {
        long start = Math.floorDiv(timestampMillis, widthMillis) * widthMillis;
        B bucket = buckets.get(start);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= capacity && start < buckets.firstKey()) {
            dropped++;
            return null;
        }
        bucket = create.apply(start);
        buckets.put(start, bucket);
        while (buckets.size() > capacity) {
            buckets.pollFirstEntry();
        }
        return bucket;
    }

    /** The kept buckets, oldest first. */
    List<Map.Entry<Long, B>> entries() {
        return new ArrayList<>(buckets.entrySet());
    }

    int size() {
        return buckets.size();
    }

    long dropped() {
        return dropped;
    }

    long widthMillis() {
        return widthMillis;
    }
}
