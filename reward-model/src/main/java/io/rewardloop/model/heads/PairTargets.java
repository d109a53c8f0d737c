package io.rewardloop.model.heads;

/**
 * Per-pair Bradley-Terry targets for noisy labels (Secrets of RLHF II): pair i's loss on its score
 * difference D is {@code (1 - a_i) softplus(-(D - m_i)) + a_i softplus(D - m_i)}, that is {@code
 * -(1 - a_i) log s(D - m_i) - a_i log(1 - s(D - m_i))}: an adaptive margin {@code m_i} and a
 * label-smoothing weight {@code a_i}. With every {@code m_i = a_i = 0} it is the plain loss, bit
 * for bit. Both stages read them: stage 1's pair heads ({@link BradleyTerryHead}) and stage 2's
 * gate ({@link BradleyTerryLoss}).
 *
 * @param margins n margins {@code m_i}, in score units
 * @param smoothing n smoothing weights {@code a_i} in [0, 0.5]
 */
public record PairTargets(float[] margins, float[] smoothing) {

    /**
     * Validates the arrays.
     *
     * @param margins n finite margins
     * @param smoothing n weights in [0, 0.5]
     */
    public PairTargets {
        FeatureChecks.requireRows(smoothing.length, margins.length, "smoothing");
        for (int i = 0; i < margins.length; i++) {
            if (!Float.isFinite(margins[i]) || !(smoothing[i] >= 0 && smoothing[i] <= 0.5f)) {
                throw new IllegalArgumentException(
                        "pair " + i + ": margin must be finite and smoothing in [0, 0.5]");
            }
        }
    }

    /**
     * Returns the number of pairs.
     *
     * @return n
     */
    public int size() {
        return margins.length;
    }

    /**
     * Returns the targets of some pairs, in that order.
     *
     * @param rows pair indices
     * @return the subset
     */
    public PairTargets subset(int[] rows) {
        float[] m = new float[rows.length];
        float[] a = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            m[i] = margins[rows[i]];
            a[i] = smoothing[rows[i]];
        }
        return new PairTargets(m, a);
    }

    /**
     * Computes pair i's loss at score difference {@code difference}.
     *
     * @param i the pair
     * @param difference D, the chosen score minus the rejected score
     * @return the loss
     */
    public double loss(int i, double difference) {
        double u = difference - margins[i];
        return (1 - smoothing[i]) * Vectors.softplus(-u) + smoothing[i] * Vectors.softplus(u);
    }
}
