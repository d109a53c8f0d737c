package io.rewardloop.channel;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.model.scoring.RewardScorer;

/** Turns a verified {@code ModelPublished} record into a model ready to score. */
@FunctionalInterface
public interface ModelLoader {

    /**
     * Loads the model a record describes, or refuses it (a misfit, a damaged artifact) by throwing.
     *
     * @param published the record, its artifact bytes already checked against its size and sha256
     * @param artifact the artifact bytes
     * @return the scorer for that version
     */
    RewardScorer load(ModelPublished published, byte[] artifact);
}
