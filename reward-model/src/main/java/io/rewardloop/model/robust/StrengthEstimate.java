package io.rewardloop.model.robust;

/**
 * Preference strength per pair (Secrets of RLHF II): {@code mu_i}, the mean over an ensemble's
 * members of {@code d_im = r_m(chosen) - r_m(rejected)}, and {@code sigma_i}, their population
 * standard deviation. A low (negative) mean marks a pair the ensemble ranks the other way: likely
 * mislabelled; a mean near zero, an ambiguous pair.
 *
 * @param mean n means {@code mu_i}
 * @param std n standard deviations {@code sigma_i}
 * @param members M, the ensemble size
 */
public record StrengthEstimate(double[] mean, double[] std, int members) {

    /**
     * Validates the shapes.
     *
     * @param mean n means
     * @param std n standard deviations
     * @param members at least 1
     */
    public StrengthEstimate {
        if (mean.length != std.length || members < 1) {
            throw new IllegalArgumentException("mean and std must have one entry a pair, M >= 1");
        }
    }

    /**
     * Returns the number of pairs.
     *
     * @return n
     */
    public int size() {
        return mean.length;
    }

    /**
     * Returns the mean of {@code mu} over the pairs.
     *
     * @return the mean strength
     */
    public double meanStrength() {
        return java.util.Arrays.stream(mean).average().orElse(Double.NaN);
    }

    /**
     * Returns the share of pairs with {@code mu < 0} (about 25% on HH-RLHF in the paper).
     *
     * @return the share in [0, 1]
     */
    public double negativeShare() {
        return java.util.Arrays.stream(mean).filter(m -> m < 0).count() / (double) size();
    }

    /**
     * Returns the pair indices ordered by ascending {@code mu} (ties by index).
     *
     * @return a permutation of 0..n-1
     */
    public int[] ascending() {
        return java.util.stream.IntStream.range(0, size())
                .boxed()
                .sorted(java.util.Comparator.comparingDouble((Integer i) -> mean[i]))
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
