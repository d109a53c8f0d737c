package io.rewardloop.model.robust;

/**
 * How preference strength changes the training labels (Secrets of RLHF II), each part off-able:
 * flip the {@code flipFraction} lowest-{@code mu} pairs (swap chosen and rejected; their {@code mu}
 * becomes {@code -mu}); label smoothing {@code -(1-a) log s(D) - a log(1 - s(D))} with {@code a =
 * smoothing} on pairs with {@code mu < 0} (or on all pairs); adaptive margin {@code -log s(D -
 * marginScale * mu_i)} on all pairs.
 *
 * @param flipFraction share of pairs to flip, in [0, 0.5); 0 is off
 * @param smoothing the smoothing weight a, in [0, 0.5]; 0 is off
 * @param smoothAll true to smooth every pair, false only those with {@code mu < 0}
 * @param marginScale the factor on {@code mu} in the margin, at least 0; 0 is off
 */
public record NoisyLabels(
        double flipFraction, double smoothing, boolean smoothAll, double marginScale) {

    /** Every part off: the labels stay as they are. */
    public static final NoisyLabels OFF = new NoisyLabels(0, 0, false, 0);

    /** The paper's best recipe: smoothing 0.1 (its reimplementation's) on mu < 0, margin on all. */
    public static final NoisyLabels PAPER_RECIPE = new NoisyLabels(0, 0.1, false, 1);

    /**
     * Validates the settings.
     *
     * @param flipFraction in [0, 0.5)
     * @param smoothing in [0, 0.5]
     * @param smoothAll whether smoothing applies to all pairs
     * @param marginScale at least 0
     */
    public NoisyLabels {
        if (!(flipFraction >= 0 && flipFraction < 0.5)) {
            throw new IllegalArgumentException("flipFraction must lie in [0, 0.5)");
        }
        if (!(smoothing >= 0 && smoothing <= 0.5)) {
            throw new IllegalArgumentException("smoothing must lie in [0, 0.5]");
        }
        if (!(marginScale >= 0) || Double.isInfinite(marginScale)) {
            throw new IllegalArgumentException("marginScale must be finite and >= 0");
        }
    }

    /**
     * Returns only a flip of the lowest-strength pairs.
     *
     * @param fraction the share to flip
     * @return the settings
     */
    public static NoisyLabels flip(double fraction) {
        return new NoisyLabels(fraction, 0, false, 0);
    }

    /**
     * Returns only label smoothing on the pairs with {@code mu < 0}.
     *
     * @param smoothing the weight a
     * @return the settings
     */
    public static NoisyLabels smoothNegative(double smoothing) {
        return new NoisyLabels(0, smoothing, false, 0);
    }

    /**
     * Returns only the adaptive margin.
     *
     * @param scale the factor on mu
     * @return the settings
     */
    public static NoisyLabels margin(double scale) {
        return new NoisyLabels(0, 0, false, scale);
    }

    /**
     * Tells whether anything changes the labels.
     *
     * @return false when every part is off
     */
    public boolean isOn() {
        return flipFraction > 0 || smoothing > 0 || marginScale > 0;
    }

    /**
     * Tells whether the loss needs per-pair targets (smoothing or margin).
     *
     * @return true when smoothing or the margin is on
     */
    public boolean needsTargets() {
        return smoothing > 0 || marginScale > 0;
    }
}
