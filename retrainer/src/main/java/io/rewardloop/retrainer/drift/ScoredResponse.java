package io.rewardloop.retrainer.drift;

/**
 * What the live model said about one response, as the drift detectors need it.
 *
 * @param timestampMillis when the response was scored (bounds the window in the alarm)
 * @param objectiveRewards the reward of each objective, in the reference's objective order (empty
 *     for a feed without rewards)
 * @param score the gated overall score, or NaN for a feed without rewards (embeddings and heads
 *     only): then no KS test runs on the score
 * @param embedding the backbone's response feature, or null when the reference has none
 * @param headRewards the ensemble heads' rewards (one per head), or null when the reference has
 *     none
 */
public record ScoredResponse(
        long timestampMillis,
        double[] objectiveRewards,
        double score,
        float[] embedding,
        double[] headRewards) {

    /** Checks the required fields. */
    public ScoredResponse {
        if (objectiveRewards == null) {
            throw new IllegalArgumentException("objectiveRewards is required");
        }
    }
}
