package io.rewardloop.model.heads;

/**
 * The reward of the label-free length objective: a standardized log response length, {@code scale *
 * (log(1 + length) - mean) / std}, with mean and std taken over the reference set. The scale is set
 * to the mean standard deviation of the learned objectives' rewards on that set, so that the
 * debiasing coefficients lambda in [0, 1] act on commensurate quantities (as with a rated verbosity
 * objective, whose rewards share the other objectives' [0, 1] scale).
 *
 * @param mean mean of {@code log(1 + length)} over the reference set
 * @param std standard deviation of {@code log(1 + length)} (1 when the lengths are constant)
 * @param scale the multiplier that matches the learned rewards' spread
 */
public record LengthFeature(double mean, double std, double scale) {

    /**
     * Fits the standardization on reference lengths.
     *
     * @param lengths reference response lengths (tokens or characters)
     * @param scale the multiplier to apply after standardizing
     * @return the feature
     */
    public static LengthFeature fit(int[] lengths, double scale) {
        double sum = 0;
        for (int length : lengths) {
            sum += Math.log1p(Math.max(length, 0));
        }
        double mean = sum / lengths.length;
        double squares = 0;
        for (int length : lengths) {
            double e = Math.log1p(Math.max(length, 0)) - mean;
            squares += e * e;
        }
        double std = Math.sqrt(squares / lengths.length);
        return new LengthFeature(mean, std > 0 ? std : 1.0, scale);
    }

    /**
     * Computes the length objective's reward.
     *
     * @param length the response length in the same unit as the reference set's
     * @return the standardized, scaled log length
     */
    public double value(int length) {
        return scale * (Math.log1p(Math.max(length, 0)) - mean) / std;
    }
}
