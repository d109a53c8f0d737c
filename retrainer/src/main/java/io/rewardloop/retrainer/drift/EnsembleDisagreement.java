package io.rewardloop.retrainer.drift;

/**
 * How much the M reward heads of an ensemble disagree on one response: the population standard
 * deviation of the heads' rewards after each head is z-scored with its own mean and standard
 * deviation on the reference, so that a head with a wider scale does not dominate.
 */
public final class EnsembleDisagreement {

    private final double[] means;
    private final double[] deviations;

    private EnsembleDisagreement(double[] means, double[] deviations) {
        this.means = means;
        this.deviations = deviations;
    }

    /**
     * Fits each head's mean and standard deviation.
     *
     * @param headRewards rows are responses, columns the M >= 2 heads; at least 2 rows
     * @return the fitted measure
     */
    public static EnsembleDisagreement fit(double[][] headRewards) {
        int heads = headRewards[0].length;
        if (heads < 2 || headRewards.length < 2) {
            throw new IllegalArgumentException("disagreement needs 2 heads and 2 responses");
        }
        double[] means = new double[heads];
        double[] deviations = new double[heads];
        for (int h = 0; h < heads; h++) {
            double mean = 0;
            for (double[] row : headRewards) {
                mean += row[h] / headRewards.length;
            }
            double variance = 0;
            for (double[] row : headRewards) {
                variance += (row[h] - mean) * (row[h] - mean) / (headRewards.length - 1);
            }
            means[h] = mean;
            deviations[h] = variance > 0 ? Math.sqrt(variance) : 1.0;
        }
        return new EnsembleDisagreement(means, deviations);
    }

    /**
     * The disagreement on one response.
     *
     * @param headRewards the M heads' rewards of the response
     * @return the population standard deviation of their z-scores
     */
    public double of(double[] headRewards) {
        if (headRewards.length != means.length) {
            throw new IllegalArgumentException(
                    "expected " + means.length + " head rewards, got " + headRewards.length);
        }
        double mean = 0;
        double[] z = new double[headRewards.length];
        for (int h = 0; h < z.length; h++) {
            z[h] = (headRewards[h] - means[h]) / deviations[h];
            mean += z[h] / z.length;
        }
        double variance = 0;
        for (double value : z) {
            variance += (value - mean) * (value - mean) / z.length;
        }
        return Math.sqrt(variance);
    }

    /**
     * The disagreement on each response.
     *
     * @param headRewards rows are responses
     * @return one value per response
     */
    public double[] of(double[][] headRewards) {
        double[] values = new double[headRewards.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = of(headRewards[i]);
        }
        return values;
    }
}
