package io.rewardloop.model.heads;

/**
 * The interpretable output for one response: which objectives drove its score and how much.
 *
 * @param raw the K raw per-objective rewards {@code r = W h_y}
 * @param debiased the K debiased rewards {@code r' = r T}
 * @param gating the K gating weights {@code g}, summing to beta
 * @param score {@code g . r'}
 */
public record Reward(double[] raw, double[] debiased, double[] gating, double score) {}
