package io.rewardloop.retrainer;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.util.List;

/**
 * The robust-training options of a round (METHODS.md section 2), each off-able.
 *
 * @param strengthMembers heads in the preference-strength ensemble (0: no strength estimate, and
 *     then no flip, smoothing or margin)
 * @param flipFraction share of the lowest-strength pairs whose labels are flipped (0: off)
 * @param smoothing label-smoothing alpha on pairs of negative mean strength (0: off)
 * @param adaptiveMargin whether the Bradley-Terry loss subtracts each pair's mean strength
 * @param metaRm whether stage 2 runs MetaRM on the latest policy round's responses
 * @param metaRmStep the MetaRM gradient-ascent step eta
 */
public record TrainingOptions(
        int strengthMembers,
        double flipFraction,
        double smoothing,
        boolean adaptiveMargin,
        boolean metaRm,
        double metaRmStep) {

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

    /** The keys above. */
    public static final List<String> KEYS =
            List.of(
                    STRENGTH_MEMBERS,
                    FLIP_FRACTION,
                    SMOOTHING,
                    ADAPTIVE_MARGIN,
                    META_RM,
                    META_RM_STEP);

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
    }

    /**
     * Reads the options.
     *
     * @param source where to read
     * @return the options
     */
    public static TrainingOptions from(ConfigSource source) {
        return new TrainingOptions(
                source.integer(STRENGTH_MEMBERS, 5),
                source.decimal(FLIP_FRACTION, 0),
                source.decimal(SMOOTHING, 0),
                source.bool(ADAPTIVE_MARGIN, true),
                source.bool(META_RM, true),
                source.decimal(META_RM_STEP, 0.05));
    }
}
