package io.rewardloop.model.heads;

/**
 * Settings of MetaRM in stage 2 (Secrets of RLHF II; METHODS.md section 2): on the steps it acts,
 * the gate first takes a gradient-ascent step on the difference loss {@code J} over a batch of
 * policy-sample groups ({@code theta' = theta + eta grad J}), the Bradley-Terry gradient of the
 * labelled batch is taken at {@code theta'}, and AdamW applies it to {@code theta} (first order).
 *
 * @param eta the ascent step on J (plain gradient step, not AdamW)
 * @param groupBatch prompt groups of policy samples per meta step
 * @param interval meta steps run every {@code interval}-th optimizer step (1: every step)
 * @param heldOutFraction share of the groups kept out of training to measure J before and after
 */
public record MetaRmConfig(float eta, int groupBatch, int interval, double heldOutFraction) {

    /**
     * Validates the settings.
     *
     * @param eta positive
     * @param groupBatch at least 1
     * @param interval at least 1
     * @param heldOutFraction in [0, 1)
     */
    public MetaRmConfig {
        if (!(eta > 0) || groupBatch < 1 || interval < 1) {
            throw new IllegalArgumentException(
                    "eta must be positive, groupBatch and interval >= 1");
        }
        if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("heldOutFraction must lie in [0, 1)");
        }
    }

    /**
     * Returns the settings chosen a priori (not tuned on any evaluation data): eta 0.1, 256 groups
     * a meta step, every step, 20% of the groups held out for J.
     *
     * @return the defaults
     */
    public static MetaRmConfig defaults() {
        return new MetaRmConfig(0.1f, 256, 1, 0.2);
    }
}
