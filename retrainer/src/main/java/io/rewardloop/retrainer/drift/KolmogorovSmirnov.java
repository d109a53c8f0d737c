package io.rewardloop.retrainer.drift;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov-Smirnov test, two-sided: {@code D = max_x |F_a(x) - F_b(x)|}.
 *
 * <p>P-values are exact when {@code n * m <= } {@value #EXACT_LIMIT}: under the null hypothesis
 * every interleaving of the two sorted samples is equally likely, so the merged sample is a lattice
 * path from (0, 0) to (n, m), and {@code P(D >= d)} is the probability that a uniformly random path
 * touches {@code |i/n - j/m| >= d}; a dynamic programme over the lattice (O(n m)) adds up the
 * probability that first touches the boundary, so small p-values keep their precision. This is the
 * distribution scipy's {@code ks_2samp(method="exact")} computes (Hodges 1958). Larger samples use
 * the asymptotic Kolmogorov distribution {@code Q(lambda) = 2 sum_k (-1)^(k-1) exp(-2 k^2
 * lambda^2)} with Stephens' effective-n correction {@code lambda = (sqrt(ne) + 0.12 + 0.11 /
 * sqrt(ne)) D}, {@code ne = n m / (n + m)} (Stephens 1970; Numerical Recipes, 3rd ed., section
 * 14.3.3).
 *
 * <p>Ties: the exact distribution assumes continuous data (no ties), as scipy's does; with ties the
 * test is conservative. Reward scores are continuous.
 */
public final class KolmogorovSmirnov {

    /** The largest {@code n * m} for which p-values are exact. */
    public static final long EXACT_LIMIT = 1_000_000L;

    private KolmogorovSmirnov() {}

    /**
     * The statistic D of two samples.
     *
     * @param a first sample, not changed
     * @param b second sample, not changed
     * @return D in [0, 1]
     */
    public static double statistic(double[] a, double[] b) {
        double[] sortedA = sortedCopy(a);
        double[] sortedB = sortedCopy(b);
        return (double) scaledStatistic(sortedA, sortedB) / ((long) a.length * b.length);
    }

    /**
     * The two-sided p-value {@code P(D >= d)}: exact for {@code n m <= EXACT_LIMIT}, else
     * asymptotic.
     *
     * @param d the observed statistic
     * @param n size of the first sample
     * @param m size of the second sample
     * @return the p-value
     */
    public static double pValue(double d, int n, int m) {
        return (long) n * m <= EXACT_LIMIT ? exactPValue(d, n, m) : asymptoticPValue(d, n, m);
    }

    /**
     * The exact two-sided p-value {@code P(D >= d)} for continuous data.
     *
     * @param d the observed statistic
     * @param n size of the first sample
     * @param m size of the second sample
     * @return the p-value
     */
    public static double exactPValue(double d, int n, int m) {
        requireSizes(n, m);
        return exactTail(Math.round(d * n * m), n, m);
    }

    /**
     * The asymptotic two-sided p-value with Stephens' effective-n correction.
     *
     * @param d the observed statistic
     * @param n size of the first sample
     * @param m size of the second sample
     * @return the p-value
     */
    public static double asymptoticPValue(double d, int n, int m) {
        requireSizes(n, m);
        double ne = (double) n * m / (n + m);
        double root = Math.sqrt(ne);
        return kolmogorovTail((root + 0.12 + 0.11 / root) * d);
    }

    /**
     * How far the reference's empirical CDF may lie from its population's: with probability at
     * least {@code 1 - beta}, {@code sup |G_m - F| <= sqrt(ln(2 / beta) / (2 m))} (the
     * Dvoretzky-Kiefer-Wolfowitz inequality with Massart's constant, 1990).
     *
     * @param referenceSize m
     * @param beta the probability that the reference lies farther
     * @return the margin
     */
    public static double referenceMargin(int referenceSize, double beta) {
        return Math.sqrt(Math.log(2 / beta) / (2.0 * referenceSize));
    }

    /**
     * The p-value of a live sample against a fixed reference, conditional on the reference lying
     * within {@code margin} of its population: then {@code D >= d} needs {@code sup |F_n - F| >= d
     * - margin}, whose probability is at most {@code 2 exp(-2 n (d - margin)^2)} (DKW on the live
     * sample). The two-sample p-value is exact only on average over references; a stream tested
     * again and again against one reference needs this one.
     *
     * @param d the two-sample statistic of live sample against reference
     * @param liveSize n
     * @param margin the reference's margin, see {@link #referenceMargin}
     * @return the conditional p-value
     */
    public static double pValueAgainstReference(double d, int liveSize, double margin) {
        double excess = Math.max(0.0, d - margin);
        return Math.min(1.0, 2 * Math.exp(-2.0 * liveSize * excess * excess));
    }

    /**
     * The smallest D at which {@link #pValueAgainstReference} reaches {@code alpha}.
     *
     * @param liveSize n
     * @param margin the reference's margin
     * @param alpha the level
     * @return the critical value
     */
    public static double criticalValueAgainstReference(int liveSize, double margin, double alpha) {
        return margin + Math.sqrt(Math.log(2 / alpha) / (2.0 * liveSize));
    }

    /**
     * {@code max |i m - j n|} over the merged walk of two sorted samples (ties advance together).
     */
    static long scaledStatistic(double[] sortedA, double[] sortedB) {
        int n = sortedA.length;
        int m = sortedB.length;
        requireSizes(n, m);
        int i = 0;
        int j = 0;
        long max = 0;
        while (i < n && j < m) {
            double x = Math.min(sortedA[i], sortedB[j]);
            while (i < n && sortedA[i] == x) {
                i++;
            }
            while (j < m && sortedB[j] == x) {
                j++;
            }
            max = Math.max(max, Math.abs((long) i * m - (long) j * n));
        }
        return max;
    }

    static double[] sortedCopy(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Probability that a uniformly random lattice path touches {@code |i m - j n| >= k}. */
    private static double exactTail(long k, int n, int m) {
        if (k <= 0) {
            return 1.0;
        }
        // alive[j]: probability of being at (i, j) without having touched the boundary. From (i, j)
        // the next pooled element comes from the first sample with probability (n-i)/(n-i+m-j).
        double[] alive = new double[m + 1];
        alive[0] = 1.0;
        double[] inverse = new double[n + m + 1]; // 1 / (elements left), to multiply, not divide
        for (int left = 1; left <= n + m; left++) {
            inverse[left] = 1.0 / left;
        }
        double touched = 0;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= m; j++) {
                if (j > 0) {
                    alive[j] += alive[j - 1] * (m - j + 1) * inverse[n - i + m - j + 1];
                }
                if (Math.abs((long) i * m - (long) j * n) >= k) {
                    touched += alive[j];
                    alive[j] = 0;
                }
            }
            for (int j = 0; j <= m && i < n; j++) {
                alive[j] *= (n - i) * inverse[n - i + m - j];
            }
        }
        return Math.min(1.0, touched);
    }

    private static double kolmogorovTail(double lambda) {
        double a2 = -2.0 * lambda * lambda;
        double sign = 2.0;
        double sum = 0;
        double previous = 0;
        for (int k = 1; k <= 100; k++) {
            double term = sign * Math.exp(a2 * k * k);
            sum += term;
            if (Math.abs(term) <= 1e-3 * previous || Math.abs(term) <= 1e-8 * sum) {
                return Math.max(0.0, Math.min(1.0, sum));
            }
            sign = -sign;
            previous = Math.abs(term);
        }
        return 1.0; // the series does not converge for very small lambda, where Q is 1
    }

    private static void requireSizes(int n, int m) {
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("both samples need observations: " + n + ", " + m);
        }
    }
}
