package io.rewardloop.model.heads;

import java.util.Arrays;
import java.util.Random;

/** Seeded train/validation splits: the same seed and size always give the same split. */
final class Splits {

    private Splits() {}

    /**
     * Splits {@code 0..n-1} into a training and a validation part.
     *
     * @param n the number of items
     * @param validationFraction the share held out, in [0, 1)
     * @param seed the shuffle seed
     * @return {training indices, validation indices}, each sorted
     */
    static int[][] holdout(int n, double validationFraction, long seed) {
        int[] order = permutation(n, seed);
        int validation = (int) Math.round(n * validationFraction);
        int[] val = Arrays.copyOfRange(order, 0, validation);
        int[] train = Arrays.copyOfRange(order, validation, n);
        Arrays.sort(val);
        Arrays.sort(train);
        return new int[][] {train, val};
    }

    /**
     * Returns a seeded random permutation of {@code 0..n-1} (Fisher-Yates).
     *
     * @param n the size
     * @param seed the seed
     * @return the permutation
     */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, new Random(seed));
        return order;
    }

    static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    static int[] select(int[] rows, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = rows[positions[i]];
        }
        return out;
    }
}
