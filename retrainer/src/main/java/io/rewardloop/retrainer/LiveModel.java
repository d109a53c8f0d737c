package io.rewardloop.retrainer;

import io.rewardloop.model.heads.RewardModel;

/**
 * The lineage's live version as the retrainer judges against it.
 *
 * @param version its version
 * @param backboneId the backbone its heads expect
 * @param model its heads
 * @param pairsTrained labelled pairs the retrainer had read when it trained this version (0 for a
 *     version published by hand), the base of the feedback-count trigger
 * @param publishedAtMillis when it was published (its record's {@code createdAt}); feedback
 *     recorded from then on is fresh to it
 * @param heldOutAccuracy its accuracy on its round's held-out pairs ({@value
 *     TrainingRound#HELDOUT_ACCURACY}), NaN for a version published by hand
 */
public record LiveModel(
        String version,
        String backboneId,
        RewardModel model,
        long pairsTrained,
        long publishedAtMillis,
        double heldOutAccuracy) {}
