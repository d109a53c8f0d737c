package io.rewardloop.model.training;

import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.data.RatedExample;
import java.util.List;
import java.util.Objects;

/**
 * What to train on and how.
 *
 * @param pairs pairwise preferences (may be empty when ratings are given)
 * @param ratings absolute ratings, rescaled to [0, 1] (may be empty)
 * @param head which head to train
 * @param seed the seed that makes training deterministic
 * @param lengthObjective whether the label-free length objective stands in when no verbosity is
 *     rated
 * @param gatingSteps gating optimizer steps, or null for the trainer's default
 */
public record TrainingRequest(
        List<PreferencePair> pairs,
        List<RatedExample> ratings,
        HeadKind head,
        long seed,
        boolean lengthObjective,
        Integer gatingSteps) {

    /** Validates and copies. */
    public TrainingRequest {
        pairs = List.copyOf(pairs);
        ratings = List.copyOf(ratings);
        Objects.requireNonNull(head, "head");
        if (pairs.isEmpty() && ratings.isEmpty()) {
            throw new IllegalArgumentException("nothing to train on: give pairs, ratings or both");
        }
    }
}
