package io.rewardloop.channel;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.testing.RandomModels;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** Real artifacts of any width and size, built in microseconds (random weights, no training). */
final class TinyModels {

    static final String BACKBONE = "test-backbone";

    private TinyModels() {}

    /** A backbone of a given width that only loads models: embedding is not needed to load. */
    static Backbone backbone(int dimension) {
        return new Backbone() {
            @Override
            public String id() {
                return BACKBONE;
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public Features embed(List<PromptResponse> batch) {
                throw new UnsupportedOperationException("not needed to load");
            }

            @Override
            public void close() {}
        };
    }

    /** A model with {@code k} objectives on {@code dimension} features, gate hidden layer. */
    static ModelArtifact artifact(String version, int dimension, int k, int hidden) {
        return RandomModels.artifact(version, BACKBONE, dimension, k, hidden);
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
