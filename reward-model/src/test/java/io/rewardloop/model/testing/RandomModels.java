package io.rewardloop.model.testing;

import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.heads.Debiasing;
import io.rewardloop.model.heads.GatingWeights;
import io.rewardloop.model.heads.ObjectiveHeads;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.RewardModel;
import java.util.Random;

/**
 * Real model artifacts of any width and size with random weights, built in microseconds (no
 * training): for tests of how models travel and load, not of what they score. Shared by the tests
 * of the model channel and the scorer.
 */
public final class RandomModels {

    private RandomModels() {}

    /**
     * An artifact with {@code k} objectives on {@code dimension} features.
     *
     * @param version the model version (also seeds the weights)
     * @param backboneId the backbone the model claims to need
     * @param dimension feature width of heads and gate input
     * @param k objectives
     * @param hidden width of the gate's hidden layer, 0 for none
     * @return the artifact
     */
    public static ModelArtifact artifact(
            String version, String backboneId, int dimension, int k, int hidden) {
        Random random = new Random(version.hashCode());
        String[] names = new String[k];
        float[][] weights = new float[k][];
        for (int i = 0; i < k; i++) {
            names[i] = "objective" + i;
            weights[i] = uniform(random, dimension);
        }
        ObjectiveHeads heads =
                new ObjectiveHeads(ObjectiveSet.of(names), weights, Debiasing.none(k), null);
        int[] sizes = hidden > 0 ? new int[] {dimension, hidden, k} : new int[] {dimension, k};
        float[][] layers = new float[sizes.length - 1][];
        float[][] biases = new float[sizes.length - 1][];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = uniform(random, sizes[i] * sizes[i + 1]);
            biases[i] = new float[sizes[i + 1]];
        }
        GatingWeights gating = new GatingWeights(sizes, layers, biases, 1f, 1f);
        return ModelArtifact.builder()
                .setModel(new RewardModel(heads, gating))
                .setModelVersion(version)
                .setBackboneId(backboneId)
                .build();
    }

    private static float[] uniform(Random random, int n) {
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = random.nextFloat() - 0.5f;
        }
        return out;
    }
}
