package io.rewardloop.channel;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.heads.Debiasing;
import io.rewardloop.model.heads.GatingWeights;
import io.rewardloop.model.heads.ObjectiveHeads;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.RewardModel;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Real artifacts of any width and size, built in microseconds (random weights, no training). */
final class TinyModels {

    static final String BACKBONE = "test-backbone";

    private TinyModels() {}

    /** A model with {@code k} objectives on {@code dimension} features, gate hidden layer. */
    static ModelArtifact artifact(String version, int dimension, int k, int hidden) {
        Random random = new Random(version.hashCode());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add("objective" + i);
        }
        float[][] weights = new float[k][dimension];
        for (float[] row : weights) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextFloat() - 0.5f;
            }
        }
        ObjectiveHeads heads =
                new ObjectiveHeads(
                        ObjectiveSet.of(names.toArray(String[]::new)),
                        weights,
                        Debiasing.none(k),
                        null);
        int[] sizes = hidden > 0 ? new int[] {dimension, hidden, k} : new int[] {dimension, k};
        float[][] layers = new float[sizes.length - 1][];
        float[][] biases = new float[sizes.length - 1][];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = new float[sizes[i] * sizes[i + 1]];
            for (int j = 0; j < layers[i].length; j++) {
                layers[i][j] = random.nextFloat() - 0.5f;
            }
            biases[i] = new float[sizes[i + 1]];
        }
        GatingWeights gating = new GatingWeights(sizes, layers, biases, 1f, 1f);
        return ModelArtifact.builder()
                .setModel(new RewardModel(heads, gating))
                .setModelVersion(version)
                .setBackboneId(BACKBONE)
                .build();
    }

    /** A small inline model. */
    static ModelArtifact small(String version) {
        return artifact(version, 8, 2, 0);
    }

    /** A record of a small inline model, not published, unsigned. */
    static ModelPublished record(String version) {
        ModelArtifact artifact = small(version);
        byte[] bytes = artifact.toBytes();
        return ModelPublisher.record(artifact, bytes, RetrainTrigger.MANUAL)
                .setArtifact(ByteBuffer.wrap(bytes))
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();
    }
}
