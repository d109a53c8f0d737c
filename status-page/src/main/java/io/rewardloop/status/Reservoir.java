package io.rewardloop.status;

import java.util.Arrays;
import java.util.Random;

/**
 * A bounded sample of a stream of numbers (Vitter's algorithm R, seeded), with the exact count and
 * mean: quantiles of a bucket of any size from at most {@code capacity} kept values.
 */
final class Reservoir {

    private final double[] kept;
    private final Random random;
    private long count;
    private double sum;

    Reservoir(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.kept = new double[capacity];
        this.random = new Random(seed);
    }

    void add(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        count++;
        sum += value;
        if (count <= kept.length) {
            kept[(int) (count - 1)] = value;
            return;
        }
        long slot = (long) (random.nextDouble() * count);
        if (slot < kept.length) {
            kept[(int) slot] = value;
        }
    }

    long count() {
        return count;
    }

    int kept() {
        return (int) Math.min(count, kept.length);
    }

    /** The mean of every value added, not only the kept ones; NaN when empty. */
    double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * Quantiles of the kept values, linear interpolation between order statistics (type 7).
     *
     * @param probabilities each in [0, 1]
     * @return one value per probability; NaN when empty
     */
    double[] quantiles(double... probabilities) {
        double[] sorted = Arrays.copyOf(kept, kept());
        Arrays.sort(sorted);
        double[] out = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            out[i] = quantile(sorted, probabilities[i]);
        }
        return out;
    }

    private static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
