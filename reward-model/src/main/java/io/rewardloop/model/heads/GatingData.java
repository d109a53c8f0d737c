package io.rewardloop.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The stage-2 inputs of a set of pairs: each pair's prompt feature {@code h_x} and its frozen
 * debiased reward difference {@code r'(chosen) - r'(rejected)}, the objective it names (for the
 * optional routing loss) and, for noisy labels, its loss targets.
 *
 * @param promptRows n x d prompt features
 * @param marginRows n x K debiased reward differences
 * @param objectiveRows n objective indices, {@link PairSet#NO_OBJECTIVE} where a pair names none
 * @param targets n margins and smoothing weights, or null for the plain Bradley-Terry loss
 */
public record GatingData(
        float[][] promptRows, float[][] marginRows, int[] objectiveRows, PairTargets targets) {

    /**
     * Validates the shapes.
     *
     * @param promptRows n x d prompt features
     * @param marginRows n x K reward differences
     * @param objectiveRows n objective indices or {@link PairSet#NO_OBJECTIVE}
     * @param targets n loss targets, or null
     */
    public GatingData {
        FeatureChecks.requireMatrix(promptRows, "promptRows");
        FeatureChecks.requireMatrix(marginRows, "marginRows");
        FeatureChecks.requireRows(marginRows.length, promptRows.length, "marginRows");
        FeatureChecks.requireRows(objectiveRows.length, promptRows.length, "objectiveRows");
        if (targets != null) {
            FeatureChecks.requireRows(targets.size(), promptRows.length, "targets");
        }
    }

    /**
     * Creates stage-2 inputs with the plain Bradley-Terry loss.
     *
     * @param promptRows n x d prompt features
     * @param marginRows n x K reward differences
     * @param objectiveRows n objective indices or {@link PairSet#NO_OBJECTIVE}
     */
    public GatingData(float[][] promptRows, float[][] marginRows, int[] objectiveRows) {
        this(promptRows, marginRows, objectiveRows, null);
    }

    /**
     * Computes the stage-2 inputs of pairs under frozen heads.
     *
     * @param heads W, T and the length feature
     * @param pairs the pairs (with lengths when the heads have a length objective)
     * @return the inputs
     */
    public static GatingData of(ObjectiveHeads heads, PairSet pairs) {
        float[][] margins = new float[pairs.size()][];
        for (int i = 0; i < pairs.size(); i++) {
            margins[i] = margin(heads, pairs, i);
        }
        return new GatingData(pairs.prompts(), margins, pairs.objectives(), pairs.targets());
    }

    static float[] margin(ObjectiveHeads heads, PairSet pairs, int i) {
        int lc = pairs.hasLengths() ? pairs.chosenLengths()[i] : 0;
        int lr = pairs.hasLengths() ? pairs.rejectedLengths()[i] : 0;
        double[] c = heads.debiased(pairs.chosen()[i], lc);
        double[] r = heads.debiased(pairs.rejected()[i], lr);
        float[] out = new float[c.length];
        for (int k = 0; k < c.length; k++) {
            out[k] = (float) (c[k] - r[k]);
        }
        return out;
    }

    /**
     * Returns the number of pairs.
     *
     * @return n
     */
    public int size() {
        return promptRows.length;
    }

    /**
     * Returns the prompt dimension.
     *
     * @return d
     */
    public int dimension() {
        return promptRows[0].length;
    }

    /**
     * Returns the number of objectives.
     *
     * @return K
     */
    public int objectives() {
        return marginRows[0].length;
    }

    NDArray prompts(NDManager manager, int[] rows) {
        return gather(manager, promptRows, rows);
    }

    NDArray margins(NDManager manager, int[] rows) {
        return gather(manager, marginRows, rows);
    }

    /** Rows of (margin, smoothing weight), batch x 2. */
    NDArray pairTargets(NDManager manager, int[] rows) {
        float[] flat = new float[rows.length * 2];
        for (int i = 0; i < rows.length; i++) {
            flat[2 * i] = targets.margins()[rows[i]];
            flat[2 * i + 1] = targets.smoothing()[rows[i]];
        }
        return manager.create(flat, new Shape(rows.length, 2));
    }

    NDArray routingTargets(NDManager manager, int[] rows) {
        int k = objectives();
        float[] flat = new float[rows.length * k];
        for (int i = 0; i < rows.length; i++) {
            int objective = objectiveRows[rows[i]];
            if (objective >= 0) {
                flat[i * k + objective] = 1f;
            }
        }
        return manager.create(flat, new Shape(rows.length, k));
    }

    private static NDArray gather(NDManager manager, float[][] source, int[] rows) {
        int width = source[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(source[rows[i]], 0, flat, i * width, width);
        }
        return manager.create(flat, new Shape(rows.length, width));
    }
}
