package io.rewardloop.model.heads;

/**
 * What {@link ArmoRmTrainer#train()} returns.
 *
 * @param model the trained reward model
 * @param metrics how it was trained and how well it ranks its training and held-out pairs
 */
public record TrainingResult(RewardModel model, TrainingMetrics metrics) {}
