package io.rewardloop.retrainer.drift;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Two-sample test on embeddings: the unbiased estimate of the squared maximum mean discrepancy
 * (Gretton et al. 2012, eq. 3) with a Gaussian RBF kernel {@code k(x, y) = exp(-|x - y|^2 / (2
 * sigma^2))}, {@code sigma} the median pairwise distance of the pooled sample (the median
 * heuristic), and a permutation p-value.
 *
 * <p>The bandwidth is computed once from the pooled sample, which a permutation does not change, so
 * the permutation test is exact: with B permutations and b permuted statistics at least as large as
 * the observed one, {@code p = (b + 1) / (B + 1)} satisfies {@code P(p <= alpha) <= alpha} under
 * the null hypothesis for any B (the (b+1)/(B+1) correction counts the observed labelling as one of
 * the permutations). Such a p-value cannot fall below {@code 1 / (B + 1)}, so {@link #test} raises
 * B to {@code RESOLUTION / alpha - 1} where needed, and stops as soon as {@code alpha (B + 1)}
 * exceedances make an alarm impossible. The decision is the one the full run would take, while a
 * window without drift costs about {@code RESOLUTION * (1 + ln(1 / alpha))} permutations instead of
 * B (Besag and Clifford 1991, whose sequential p-value {@code h / l} is reported when it stops
 * early).
 */
public final class MaximumMeanDiscrepancy {

    /**
     * B is at least {@code RESOLUTION / alpha - 1}, so an alarm allows up to {@code RESOLUTION - 1}
     * permuted statistics at or above the observed one, and the Monte-Carlo decision stays close to
     * the exact permutation test's: where the exact p-value is alpha / 2 it still alarms with
     * probability 0.89.
     */
    public static final int RESOLUTION = 5;

    private MaximumMeanDiscrepancy() {}

    /**
     * The result of one permutation test.
     *
     * @param statistic unbiased MMD^2 of the observed split
     * @param pValue the permutation p-value (sequential when the run stopped early)
     * @param criticalValue the test alarms when the statistic exceeds it: the permuted statistic at
     *     rank {@code B - floor(alpha (B + 1))} when all permutations ran, else NaN
     * @param bandwidth the kernel bandwidth sigma
     * @param permutations permutations actually run
     */
    public record Result(
            double statistic,
            double pValue,
            double criticalValue,
            double bandwidth,
            int permutations) {}

    /**
     * Unbiased MMD^2 of two samples with a given bandwidth.
     *
     * @param x first sample, rows are points (at least 2)
     * @param y second sample (at least 2)
     * @param bandwidth the RBF kernel's sigma
     * @return the estimate (can be slightly negative)
     */
    public static double unbiasedSquared(double[][] x, double[][] y, double bandwidth) {
        double[][] kernel = kernel(squaredDistances(pool(x, y)), bandwidth);
        int[] order = new int[kernel.length];
        Arrays.setAll(order, i -> i);
        return statistic(kernel, order, x.length, total(kernel));
    }

    /**
     * The median heuristic: the median of the pairwise Euclidean distances of the points.
     *
     * @param points rows are points (at least 2)
     * @return the median distance (the lower median for an even number of pairs)
     */
    public static double medianDistance(double[][] points) {
        return medianOfPairs(squaredDistances(points));
    }

    private static double medianOfPairs(double[][] squared) {
        int n = squared.length;
        double[] pairs = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pairs[k++] = squared[i][j];
            }
        }
        return Math.sqrt(select(pairs, (pairs.length - 1) / 2));
    }

    // The k-th smallest value (Hoare's quickselect, middle pivot), reordering the array in place.
    private static double select(double[] values, int k) {
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            double pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    /**
     * The permutation test of {@code x} against {@code y} at level {@code alpha}.
     *
     * @param x reference sample (at least 2 points)
     * @param y live sample (at least 2 points)
     * @param minPermutations the fewest permutations B (raised to {@code RESOLUTION / alpha - 1})
     * @param alpha the level the p-value is compared with
     * @param seed seed of the permutations
     * @return statistic, p-value and what the run cost
     */
    public static Result test(
            double[][] x, double[][] y, int minPermutations, double alpha, long seed) {
        if (x.length < 2 || y.length < 2) {
            throw new IllegalArgumentException("MMD needs at least 2 points per sample");
        }
        double[][] squared = squaredDistances(pool(x, y));
        double bandwidth = medianOfPairs(squared);
        double[][] kernel = kernel(squared, bandwidth);
        int n = x.length;
        double total = total(kernel);
        int[] order = new int[kernel.length];
        Arrays.setAll(order, i -> i);
        double observed = statistic(kernel, order, n, total);

        int permutations = Math.max(minPermutations, (int) Math.ceil(RESOLUTION / alpha) - 1);
        int alarmLimit = (int) Math.floor(alpha * (permutations + 1)); // alarm iff exceedances < it
        double[] permuted = new double[permutations];
        SplittableRandom random = new SplittableRandom(seed);
        int exceedances = 0;
        for (int b = 0; b < permutations; b++) {
            shuffle(order, random);
            permuted[b] = statistic(kernel, order, n, total);
            if (permuted[b] >= observed && ++exceedances >= alarmLimit) {
                return new Result(
                        observed, (double) exceedances / (b + 1), Double.NaN, bandwidth, b + 1);
            }
        }
        Arrays.sort(permuted);
        int quantileIndex = (int) Math.ceil((1 - alpha) * (permutations + 1)) - 1;
        double critical = permuted[Math.min(permutations - 1, Math.max(0, quantileIndex))];
        return new Result(
                observed,
                (exceedances + 1.0) / (permutations + 1),
                critical,
                bandwidth,
                permutations);
    }

    // Sums over i < j of the kernel within each sample; the cross sum is the (fixed) total minus
    // both.
    private static double statistic(double[][] kernel, int[] order, int n, double total) {
        double xx = pairSum(kernel, order, 0, n);
        double yy = pairSum(kernel, order, n, order.length);
        double xy = total - xx - yy;
        int m = order.length - n;
        return 2 * xx / ((double) n * (n - 1))
                + 2 * yy / ((double) m * (m - 1))
                - xy / ((double) n * m) * 2;
    }

    private static double pairSum(double[][] kernel, int[] order, int from, int to) {
        double sum = 0;
        for (int a = from; a < to; a++) {
            double[] row = kernel[order[a]];
            for (int b = a + 1; b < to; b++) {
                sum += row[order[b]];
            }
        }
        return sum;
    }

    private static double[][] kernel(double[][] squared, double bandwidth) {
        double scale = bandwidth > 0 ? -1.0 / (2 * bandwidth * bandwidth) : 0;
        int n = squared.length;
        double[][] kernel = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                kernel[i][j] = Math.exp(scale * squared[i][j]);
                kernel[j][i] = kernel[i][j];
            }
        }
        return kernel;
    }

    private static double[][] squaredDistances(double[][] points) {
        int n = points.length;
        double[][] squared = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                squared[i][j] = squaredDistance(points[i], points[j]);
                squared[j][i] = squared[i][j];
            }
        }
        return squared;
    }

    private static double total(double[][] kernel) {
        double sum = 0;
        for (int i = 0; i < kernel.length; i++) {
            for (int j = i + 1; j < kernel.length; j++) {
                sum += kernel[i][j];
            }
        }
        return sum;
    }

    private static double[][] pool(double[][] x, double[][] y) {
        double[][] pooled = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        return pooled;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
