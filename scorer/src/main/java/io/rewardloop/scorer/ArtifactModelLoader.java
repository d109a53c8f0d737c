package io.rewardloop.scorer;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.scoring.ArmoRmScorer;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.model.scoring.RewardScorer;

/**
 * The scorer's model loader: artifact bytes to an {@link ArmoRmScorer} on the backbone the model
 * names, built once and shared by every version that names it. A record whose version or backbone
 * disagrees with the artifact inside it is refused.
 */
public final class ArtifactModelLoader implements ModelLoader, AutoCloseable {

    private final BackboneCatalog backbones;

    /**
     * Creates the loader.
     *
     * @param maxBatchTokens the padded-token budget of one backbone batch
     */
    public ArtifactModelLoader(int maxBatchTokens) {
        this.backbones = new BackboneCatalog(maxBatchTokens);
    }

    @Override
    public synchronized RewardScorer load(ModelPublished published, byte[] artifact) {
        // The follower checked the bytes against the record's sha256 (ModelLoader's contract).
        ModelArtifact model = ModelArtifact.fromBytes(artifact);
        if (!model.modelVersion().equals(published.getVersion())) {
            throw new RewardLoopException(
                    "record says version "
                            + published.getVersion()
                            + " but the artifact is "
                            + model.modelVersion());
        }
        if (!model.backboneId().equals(published.getBackboneId())) {
            throw new RewardLoopException(
                    "record says backbone "
                            + published.getBackboneId()
                            + " but the artifact needs "
                            + model.backboneId());
        }
        return new ArmoRmScorer(
                model.modelVersion(), model.model(), backbones.get(model.backboneId()));
    }

    @Override
    public synchronized void close() {
        backbones.close();
    }
}
