package io.rewardloop.retrainer;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.util.List;

/**
 * The robust-training options of a round (METHODS.md section 2), each off-able. All are off by
 * default: on HH-RLHF with frozen MiniLM features none of them improved held-out accuracy, in
 * distribution or under shift (benchmarks/results/retrainer-ablation.md); turn them on where the
 * labels are noisier or the backbone stronger, and let the gate judge.
 *
 * @param strengthMembers heads in the preference-strength ensemble (0: no strength estimate, and
 *     then no flip, smoothing or margin)
 * @param flipFraction share of the lowest-strength pairs whose labels are flipped (0: off)
 * @param smoothing label-smoothing alpha on pairs of negative mean strength (0: off)
 * @param adaptiveMargin whether the Bradley-Terry loss subtracts each pair's mean strength
 * @param metaRm whether stage 2 runs MetaRM on the latest policy round's responses
 * @param metaRmStep the MetaRM gradient-ascent step eta
 * @param metaRmInterval MetaRM acts on every {@code metaRmInterval}-th stage-2 step
 */
public record TrainingOptions(
        int strengthMembers,
        double flipFraction,
        double smoothing,
        boolean adaptiveMargin,
        boolean metaRm,
        double metaRmStep,
        int metaRmInterval) {

    /** Heads in the preference-strength ensemble. */
    public static final String STRENGTH_MEMBERS = "retrainer.strength.members";

    /** Share of lowest-strength pairs flipped. */
    public static final String FLIP_FRACTION = "retrainer.noise.flip.fraction";

    /** Label smoothing on pairs of negative strength. */
    public static final String SMOOTHING = "retrainer.noise.smoothing";

    /** Adaptive margin from the strength. */
    public static final String ADAPTIVE_MARGIN = "retrainer.noise.margin";

    /** MetaRM on the policy's latest responses. */
    public static final String META_RM = "retrainer.metarm.enabled";

    /** MetaRM's ascent step. */
    public static final String META_RM_STEP = "retrainer.metarm.eta";

    /** MetaRM acts every this many stage-2 steps. */
    public static final String META_RM_INTERVAL = "retrainer.metarm.interval";

    /** The keys above. */
    public static final List<String> KEYS =
            List.of(
                    STRENGTH_MEMBERS,
                    FLIP_FRACTION,
                    SMOOTHING,
                    ADAPTIVE_MARGIN,
                    META_RM,
                    META_RM_STEP,
                    META_RM_INTERVAL);

    /** Every option off (the default). */
    public static final TrainingOptions OFF = new TrainingOptions(0, 0, 0, false, false, 0.1, 4);

    /** Validates. */
    public TrainingOptions {
        if (strengthMembers < 0 || strengthMembers == 1) {
            throw new ConfigException(STRENGTH_MEMBERS + " must be 0 (off) or at least 2");
        }
        if (!(flipFraction >= 0 && flipFraction < 0.5)) {
            throw new ConfigException(FLIP_FRACTION + " must lie in [0, 0.5)");
        }
        if (!(smoothing >= 0 && smoothing < 0.5)) {
            throw new ConfigException(SMOOTHING + " must lie in [0, 0.5)");
        }
        if (strengthMembers == 0 && (flipFraction > 0 || smoothing > 0 || adaptiveMargin)) {
            throw new ConfigException(
                    FLIP_FRACTION
                            + ", "
                            + SMOOTHING
                            + " and "
                            + ADAPTIVE_MARGIN
                            + " need the strength ensemble: set "
                            + STRENGTH_MEMBERS
                            + " >= 2");
        }
        if (!(metaRmStep > 0)) {
            throw new ConfigException(META_RM_STEP + " must be positive");
        }
        if (metaRmInterval < 1) {
            throw new ConfigException(META_RM_INTERVAL + " must be at least 1");
        }
    }

    /**
     * Reads the options.
     *
     * @param source where to read
     * @return the options
     */
    public static TrainingOptions from(ConfigSource source) {
        return new TrainingOptions(
                source.integer(STRENGTH_MEMBERS, 0),
                source.decimal(FLIP_FRACTION, 0),
                source.decimal(SMOOTHING, 0),
                source.bool(ADAPTIVE_MARGIN, false),
                source.bool(META_RM, false),
                source.decimal(META_RM_STEP, 0.1),
                source.integer(META_RM_INTERVAL, 4));
    }
}
