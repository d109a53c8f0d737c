package io.rewardloop.model.bench;

import java.util.List;
import java.util.Random;

/**
 * Paired bootstrap over seeds x pairs for the difference in accuracy of two models evaluated on the
 * same pairs: each resample draws the seeds with replacement, then within each drawn seed the
 * evaluation pairs with replacement, and averages the per-pair outcome differences. Outcomes are 1
 * (ranked right), 0.5 (tie), 0 (wrong).
 *
 * @param delta the observed mean difference (b - a)
 * @param low the 2.5th percentile of the resampled differences
 * @param high the 97.5th percentile
 * @param p the two-sided bootstrap p-value of "no difference"
 */
record PairedBootstrap(double delta, double low, double high, double p) {

    /**
     * Compares b with a.
     *
     * @param a per seed, the baseline's outcomes
     * @param b per seed, the variant's outcomes on the same pairs
     * @param resamples how many bootstrap resamples
     * @param seed the resampling seed
     * @return the difference, its interval and p
     */
    static PairedBootstrap compare(List<double[]> a, List<double[]> b, int resamples, long seed) {
        int seeds = a.size();
        double[][] differences = new double[seeds][];
        double observed = 0;
        for (int s = 0; s < seeds; s++) {
            differences[s] = new double[a.get(s).length];
            for (int i = 0; i < differences[s].length; i++) {
                differences[s][i] = b.get(s)[i] - a.get(s)[i];
                observed += differences[s][i] / differences[s].length / seeds;
            }
        }
        Random random = new Random(seed);
        double[] draws = new double[resamples];
        int atMostZero = 0;
        int atLeastZero = 0;
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int s = 0; s < seeds; s++) {
                double[] d = differences[random.nextInt(seeds)];
                double inSeed = 0;
                for (int i = 0; i < d.length; i++) {
                    inSeed += d[random.nextInt(d.length)];
                }
                sum += inSeed / d.length;
            }
            draws[r] = sum / seeds;
            atMostZero += draws[r] <= 0 ? 1 : 0;
            atLeastZero += draws[r] >= 0 ? 1 : 0;
        }
        java.util.Arrays.sort(draws);
        double p = Math.min(1, 2.0 * Math.min(atMostZero, atLeastZero) / resamples);
        return new PairedBootstrap(
                observed,
                draws[(int) (0.025 * (resamples - 1))],
                draws[(int) Math.ceil(0.975 * (resamples - 1))],
                p);
    }
}
