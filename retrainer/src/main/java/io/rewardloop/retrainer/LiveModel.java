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
 */
public record LiveModel(String version, String backboneId, RewardModel model, long pairsTrained) {}
