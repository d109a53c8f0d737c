package io.rewardloop.model.scoring;

import io.rewardloop.model.backbone.PromptResponse;
import java.util.List;

/**
 * A reward model ready to score: one version, its objectives, and batch scoring. Implementations
 * that hold native resources are not thread-safe; use one per thread.
 */
public interface RewardScorer extends AutoCloseable {

    /**
     * The model version every output of this scorer names.
     *
     * @return the version
     */
    String version();

    /**
     * The objective names, in the order of every reward array.
     *
     * @return the objectives
     */
    List<String> objectives();

    /**
     * Scores a batch; results are in input order. The scorer forms its own internal batches.
     *
     * @param batch the pairs
     * @return one reward per pair
     */
    List<MultiObjectiveReward> score(List<PromptResponse> batch);

    /**
     * The most tokens one pair costs a forward pass (longer pairs are cut to it).
     *
     * @return the limit, {@link Integer#MAX_VALUE} when none is known
     */
    default int maxSequenceTokens() {
        return Integer.MAX_VALUE;
    }

    /** Releases what the scorer holds; never throws a checked exception. */
    @Override
    void close();
}
