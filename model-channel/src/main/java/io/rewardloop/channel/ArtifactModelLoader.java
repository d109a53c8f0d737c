package io.rewardloop.channel;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.scoring.ArmoRmScorer;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.model.scoring.RewardScorer;
import java.util.function.Function;

/**
 * The model loader of services that score: artifact bytes to an {@link ArmoRmScorer} on the
 * backbone the model names, built once and shared by every version that names it. Refuses a record
 * whose version or backbone disagrees with the artifact inside it, and an artifact that does not
 * fit its backbone (the heads' feature width or the gate's input width is not the backbone's
 * dimension), so a misfit never reaches scoring: the follower keeps the live model.
 */
public final class ArtifactModelLoader implements ModelLoader, AutoCloseable {

    private final Function<String, Backbone> backbones;
    private final AutoCloseable owned;

    /**
     * Creates the loader with its own {@link BackboneCatalog}.
     *
     * @param maxBatchTokens the padded-token budget of one backbone batch
     */
    public ArtifactModelLoader(int maxBatchTokens) {
        BackboneCatalog catalog = new BackboneCatalog(maxBatchTokens);
        this.backbones = catalog::get;
        this.owned = catalog;
    }

    /**
     * Creates the loader on given backbones (not closed by {@link #close()}).
     *
     * @param backbones the backbone for a backbone id
     */
    public ArtifactModelLoader(Function<String, Backbone> backbones) {
        this.backbones = backbones;
        this.owned = null;
    }

    @Override
    public synchronized RewardScorer load(ModelPublished published, byte[] artifact) {
        // The follower checked the bytes against the record's size and sha256.
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
        Backbone backbone = backbones.apply(model.backboneId());
        checkFit(model, backbone.dimension());
        return new ArmoRmScorer(model.modelVersion(), model.model(), backbone);
    }

    /**
     * Refuses an artifact whose heads or gate do not take the backbone's features.
     *
     * @param model the artifact
     * @param dimension the backbone's feature dimension
     * @throws RewardLoopException naming the widths when it does not fit
     */
    public static void checkFit(ModelArtifact model, int dimension) {
        int features = model.featureDimension();
        int gate = model.model().gating().sizes()[0];
        if (features != dimension || gate != dimension) {
            throw new RewardLoopException(
                    "model "
                            + model.modelVersion()
                            + " does not fit backbone "
                            + model.backboneId()
                            + ": its heads take "
                            + features
                            + " features and its gate "
                            + gate
                            + " inputs, the backbone gives "
                            + dimension);
        }
    }

    @Override
    public synchronized void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
