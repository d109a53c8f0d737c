package io.rewardloop.model.heads;

/**
 * One fitted linear head of stage 1 and how it was chosen.
 *
 * @param weights the d weights (a row of W)
 * @param method {@code ridge} (ratings) or {@code bradley-terry} (pairs)
 * @param regularization the chosen alpha (ridge) or L2 strength (Bradley-Terry)
 * @param validationLoss the validation loss at that choice: MSE (ridge) or mean log-loss
 *     (Bradley-Terry); NaN when there was too little data to validate
 * @param examples the number of ratings or pairs the final refit used
 */
public record HeadFit(
        double[] weights,
        String method,
        double regularization,
        double validationLoss,
        int examples) {

    /** Fit method name of a ridge head. */
    public static final String RIDGE = "ridge";

    /** Fit method name of a Bradley-Terry head. */
    public static final String BRADLEY_TERRY = "bradley-terry";

    /**
     * Scores one feature vector.
     *
     * @param features d values
     * @return {@code w . h}
     */
    public double score(float[] features) {
        return Vectors.dot(weights, features);
    }
}
