package io.rewardloop.model.scoring;

import io.rewardloop.model.backbone.Truncation;

/**
 * The reward of one response, objective by objective, as ArmoRM defines it: {@code score = sum_i
 * gatingWeights[i] * debiasedRewards[i]}. Arrays follow the model's objective order.
 *
 * @param rewards raw regression rewards {@code r = W h_y}
 * @param debiasedRewards verbosity-debiased rewards {@code r' = r T}
 * @param gatingWeights the prompt's gating weights {@code g}, summing to the model's beta
 * @param score the final scalar reward
 * @param truncation what the backbone cut to fit its token limit
 */
public record MultiObjectiveReward(
        double[] rewards,
        double[] debiasedRewards,
        double[] gatingWeights,
        double score,
        Truncation truncation) {}
