package io.rewardloop.scorer;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.model.scoring.RewardScorer;

/** Turns a verified {@code ModelPublished} record into a model ready to score. */
@FunctionalInterface
public interface ModelLoader {

    /**
     * Loads the model a record describes.
     *
     * @param published the record, its artifact bytes already checked against its sha256
     * @param artifact the artifact bytes
     * @return the scorer for that version
     */
    RewardScorer load(ModelPublished published, byte[] artifact);
}
