package io.rewardloop.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * Policy samples in stage 2's terms under frozen heads: for every unordered response pair (i, j) of
 * every group, the group's prompt feature and {@code r'(s_i) - r'(s_j)}. A group's pairs share its
 * weight {@code c_k} and the batch's groups are averaged, so {@link #differenceLoss} is the batch
 * mean of MetaRM's {@code J(x)}.
 */
final class PolicyGroups {

    private final float[][] prompts;
    private final float[][][] differences;

    private PolicyGroups(float[][] prompts, float[][][] differences) {
        this.prompts = prompts;
        this.differences = differences;
    }

    static PolicyGroups of(ObjectiveHeads heads, PolicySamples samples) {
        float[][] prompts = new float[samples.size()][];
        float[][][] differences = new float[samples.size()][][];
        for (int g = 0; g < samples.size(); g++) {
            prompts[g] = samples.prompt(g);
            float[][] responses = samples.responses(g);
            double[][] rewards = new double[responses.length][];
            for (int i = 0; i < responses.length; i++) {
                rewards[i] = heads.debiased(responses[i], samples.length(g, i));
            }
            List<float[]> rows = new ArrayList<>();
            for (int i = 0; i < responses.length; i++) {
                for (int j = i + 1; j < responses.length; j++) {
                    float[] row = new float[rewards[i].length];
                    for (int k = 0; k < row.length; k++) {
                        row[k] = (float) (rewards[i][k] - rewards[j][k]);
                    }
                    rows.add(row);
                }
            }
            differences[g] = rows.toArray(new float[0][]);
        }
        return new PolicyGroups(prompts, differences);
    }

    int size() {
        return prompts.length;
    }

    /**
     * Computes the mean J of some groups under the gate's current forward pass.
     *
     * @param manager where the batch's arrays live
     * @param groups the group indices
     * @param gate maps prompt rows (P x d) to gating weights (P x K)
     * @return a scalar, differentiable through the gate
     */
    NDArray differenceLoss(
            NDManager manager, int[] groups, java.util.function.UnaryOperator<NDArray> gate) {
        int pairs = 0;
        for (int g : groups) {
            pairs += differences[g].length;
        }
        int d = prompts[0].length;
        int k = differences[groups[0]][0].length;
        float[] x = new float[pairs * d];
        float[] delta = new float[pairs * k];
        float[] weight = new float[pairs];
        int row = 0;
        for (int g : groups) {
            for (float[] difference : differences[g]) {
                System.arraycopy(prompts[g], 0, x, row * d, d);
                System.arraycopy(difference, 0, delta, row * k, k);
                weight[row] = 1f / (groups.length * differences[g].length);
                row++;
            }
        }
        NDArray g = gate.apply(manager.create(x, new Shape(pairs, d)));
        NDArray scoreGap = g.mul(manager.create(delta, new Shape(pairs, k))).sum(new int[] {1});
        return Activation.sigmoid(scoreGap.abs()).mul(manager.create(weight)).sum();
    }
}
