package io.rewardloop.model.heads;

import java.util.Objects;

/**
 * Stage 1 and debiasing, frozen: the K x d regression matrix W, the debiasing transform T and, with
 * a length objective, its standardization. Gives raw rewards {@code r = W h_y} (the length
 * objective's entry is its {@link LengthFeature} value) and debiased rewards {@code r' = r T}.
 */
public final class ObjectiveHeads {

    private final ObjectiveSet objectives;
    private final float[][] weights;
    private final Debiasing debiasing;
    private final LengthFeature length;

    /**
     * Creates the heads.
     *
     * @param objectives the K objectives
     * @param weights W, K x d (the row of a length objective is all zeros)
     * @param debiasing T
     * @param length the length standardization; required exactly when the set has a length
     *     objective
     */
    public ObjectiveHeads(
            ObjectiveSet objectives, float[][] weights, Debiasing debiasing, LengthFeature length) {
        this.objectives = Objects.requireNonNull(objectives, "objectives");
        this.debiasing = Objects.requireNonNull(debiasing, "debiasing");
        FeatureChecks.requireMatrix(weights, "weights");
        FeatureChecks.requireRows(weights.length, objectives.size(), "weights");
        if (debiasing.lambdas().length != objectives.size()
                || debiasing.verbosityIndex() != objectives.debiasIndex()) {
            throw new IllegalArgumentException("debiasing does not match the objective set");
        }
        if (objectives.needsLength() != (length != null)) {
            throw new IllegalArgumentException(
                    "a length feature is required exactly when the set has a length objective");
        }
        this.weights = weights;
        this.length = length;
    }

    /**
     * Returns the objectives.
     *
     * @return the objective set
     */
    public ObjectiveSet objectives() {
        return objectives;
    }

    /**
     * Returns W, not copied.
     *
     * @return K x d
     */
    public float[][] weights() {
        return weights;
    }

    /**
     * Returns T.
     *
     * @return the debiasing transform
     */
    public Debiasing debiasing() {
        return debiasing;
    }

    /**
     * Returns the length standardization.
     *
     * @return the feature, or null when the set has no length objective
     */
    public LengthFeature length() {
        return length;
    }

    /**
     * Returns the feature dimension d.
     *
     * @return d
     */
    public int dimension() {
        return weights[0].length;
    }

    /**
     * Computes the raw rewards of one response.
     *
     * @param response the response feature {@code h_y}
     * @param responseLength the response length; read only with a length objective
     * @return K raw rewards
     */
    public double[] raw(float[] response, int responseLength) {
        if (response.length != dimension()) {
            throw new IllegalArgumentException(
                    "feature dimension " + response.length + ", expected " + dimension());
        }
        double[] r = new double[weights.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = Vectors.dot(weights[k], response);
        }
        if (length != null) {
            r[objectives.debiasIndex()] = length.value(responseLength);
        }
        return r;
    }

    /**
     * Computes the debiased rewards of one response.
     *
     * @param response the response feature {@code h_y}
     * @param responseLength the response length; read only with a length objective
     * @return K debiased rewards
     */
    public double[] debiased(float[] response, int responseLength) {
        return debiasing.apply(raw(response, responseLength));
    }
}
