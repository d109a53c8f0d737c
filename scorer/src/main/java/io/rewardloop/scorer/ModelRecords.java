package io.rewardloop.scorer;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

/**
 * Turns a trained model artifact into the {@code ModelPublished} record scorers follow: the
 * artifact travels inline with its sha256, which every scorer checks before loading it.
 */
public final class ModelRecords {

    /** The model lineage (record key on {@code rlhf.models}) when none is named. */
    public static final String DEFAULT_LINEAGE = "default";

    private ModelRecords() {}

    /**
     * The record announcing an artifact.
     *
     * @param artifact the trained model
     * @param trigger why it was trained
     * @return the record's value
     */
    public static ModelPublished published(ModelArtifact artifact, RetrainTrigger trigger) {
        byte[] bytes = artifact.toBytes();
        Map<String, Double> metrics = artifact.metrics().asMap();
        return ModelPublished.newBuilder()
                .setVersion(artifact.modelVersion())
                .setParentVersion(artifact.parentVersion())
                .setBackboneId(artifact.backboneId())
                .setObjectives(artifact.objectiveNames())
                .setArtifact(ByteBuffer.wrap(bytes))
                .setSha256(artifact.sha256())
                .setSizeBytes(bytes.length)
                .setMetrics(new java.util.HashMap<>(metrics))
                .setTrigger(trigger)
                .setCreatedAt(Instant.now())
                .build();
    }
}
