package io.rewardloop.scorer.metrics;

import java.util.Arrays;

/**
 * The most recent latencies, for percentiles: a fixed-size ring, so memory stays bounded and old
 * samples age out. Thread-safe.
 */
final class LatencyWindow {

    private final double[] samples;
    private int next;
    private int size;

    LatencyWindow(int capacity) {
        this.samples = new double[capacity];
    }

    synchronized void record(double value) {
        samples[next] = value;
        next = (next + 1) % samples.length;
        size = Math.min(size + 1, samples.length);
    }

    /**
     * Nearest-rank percentiles of the window.
     *
     * @param quantiles each in (0, 1]
     * @return one value per quantile, NaN when the window is empty
     */
    synchronized double[] quantiles(double... quantiles) {
        double[] result = new double[quantiles.length];
        if (size == 0) {
            Arrays.fill(result, Double.NaN);
            return result;
        }
        double[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        for (int i = 0; i < quantiles.length; i++) {
            int rank = (int) Math.ceil(quantiles[i] * size);
            result[i] = sorted[Math.max(0, Math.min(size - 1, rank - 1))];
        }
        return result;
    }
}
