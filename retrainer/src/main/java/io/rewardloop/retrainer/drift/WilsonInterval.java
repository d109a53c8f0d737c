package io.rewardloop.retrainer.drift;

/**
 * The Wilson score interval of a binomial proportion (Wilson 1927): the proportions p0 that a score
 * test {@code |p - p0| / sqrt(p0 (1 - p0) / n) <= z} would not reject. Good for reporting an
 * accuracy with its uncertainty; the human-accuracy drift test itself uses the exact binomial tail,
 * because at small n and small levels the score test rejects more often than its level.
 */
public final class WilsonInterval {

    private WilsonInterval() {}

    /**
     * The lower bound.
     *
     * @param successes successes, 0 to n
     * @param n trials, at least 1
     * @param z the normal quantile (1.96 for a two-sided 95% interval)
     * @return the lower bound in [0, 1]
     */
    public static double lowerBound(long successes, long n, double z) {
        if (n < 1 || successes < 0 || successes > n) {
            throw new IllegalArgumentException(successes + " successes of " + n + " trials");
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.max(0.0, (centre - spread) / (1 + z2 / n));
    }

    /**
     * The upper bound: one minus the lower bound of the failures.
     *
     * @param successes successes, 0 to n
     * @param n trials, at least 1
     * @param z the normal quantile
     * @return the upper bound in [0, 1]
     */
    public static double upperBound(long successes, long n, double z) {
        return 1.0 - lowerBound(n - successes, n, z);
    }
}
