package io.rewardloop.retrainer.drift;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What the live model's behaviour is compared with, set whenever a model is published.
 *
 * <p>The responses should be scored by the live model but not be its training data (its scores
 * there are over-fitted): held-out data, or the first window after publishing, as METHODS.md
 * section 3 suggests. Embeddings and head rewards are either present on every response or on none;
 * absent ones turn their detector off.
 *
 * @param objectives the objective names, in the order of {@link ScoredResponse#objectiveRewards()}
 * @param responses the reference responses, at least 4
 * @param discrimination mean MetaRM J on the policy's samples when the model was published, or
 *     empty to turn the discrimination detector off
 * @param humanAccuracy accuracy on held-out human preferences, or empty to turn the human-label
 *     detector off
 */
public record DriftReference(
        List<String> objectives,
        List<ScoredResponse> responses,
        OptionalDouble discrimination,
        OptionalDouble humanAccuracy) {

    /** Checks that every response has the same shape. */
    public DriftReference {
        objectives = List.copyOf(objectives);
        responses = List.copyOf(responses);
        if (responses.size() < 4) {
            throw new IllegalArgumentException("a reference needs at least 4 responses");
        }
        ScoredResponse first = responses.get(0);
        for (ScoredResponse response : responses) {
            requireShape(response, objectives.size(), first);
        }
    }

    /** Whether the KS test on the overall score runs (the responses carry scores). */
    boolean hasScores() {
        return !Double.isNaN(responses.get(0).score());
    }

    /** Whether the embedding detector runs. */
    boolean hasEmbeddings() {
        return responses.get(0).embedding() != null;
    }

    /** Whether the ensemble-disagreement detector runs. */
    boolean hasHeadRewards() {
        return responses.get(0).headRewards() != null;
    }

    /**
     * Checks that a response has the shape of the reference's responses.
     *
     * @param response the response
     * @param objectiveCount the number of objectives
     * @param like a response of the reference
     */
    static void requireShape(ScoredResponse response, int objectiveCount, ScoredResponse like) {
        if (response.objectiveRewards().length != objectiveCount) {
            throw new IllegalArgumentException(
                    "expected "
                            + objectiveCount
                            + " objective rewards, got "
                            + response.objectiveRewards().length);
        }
        if (Double.isNaN(response.score()) != Double.isNaN(like.score())) {
            throw new IllegalArgumentException("scores differ from the reference's in presence");
        }
        if (length(response.embedding()) != length(like.embedding())) {
            throw new IllegalArgumentException("embeddings differ from the reference's in shape");
        }
        if (length(response.headRewards()) != length(like.headRewards())) {
            throw new IllegalArgumentException("head rewards differ from the reference's in shape");
        }
    }

    private static int length(float[] values) {
        return values == null ? -1 : values.length;
    }

    private static int length(double[] values) {
        return values == null ? -1 : values.length;
    }
}
