package io.rewardloop.model.heads;

import java.util.Random;

/**
 * Seeded mini-batches: walks through a shuffled order of the n items and reshuffles at the end of
 * each epoch, so every item is seen once per epoch and the sequence depends only on the seed.
 */
final class BatchSampler {

    private final int[] order;
    private final int batchSize;
    private final Random random;
    private int position;

    BatchSampler(int n, int batchSize, long seed) {
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.batchSize = Math.min(batchSize, n);
        this.random = new Random(seed);
        Splits.shuffle(order, random);
    }

    int[] next() {
        int[] batch = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            if (position == order.length) {
                Splits.shuffle(order, random);
                position = 0;
            }
            batch[i] = order[position++];
        }
        return batch;
    }
}
