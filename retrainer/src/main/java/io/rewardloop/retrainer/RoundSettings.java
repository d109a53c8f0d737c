package io.rewardloop.retrainer;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a training round runs and how its candidate is judged.
 *
 * @param backboneId the backbone of a lineage's first model (later rounds use the live model's)
 * @param cacheDir the durable feature cache (one file per backbone id, keyed by text hash)
 * @param evalFraction the newest share of the labelled pairs held out to judge candidate and live
 *     model (never trained on)
 * @param minEvalPairs fewer held-out pairs than this fail the round (the test would mean nothing)
 * @param minTrainPairs fewer training pairs than this fail the round
 * @param tolerance how much worse (held-out accuracy) a candidate may be and still be published
 * @param alpha the level of the one-sided paired non-inferiority test
 * @param seed the seed of every split, initialization and shuffle
 * @param gatingSteps stage-2 steps (null: the trainer's default)
 * @param timeout the longest a round may run (the leader's poll interval bound)
 */
public record RoundSettings(
        String backboneId,
        Path cacheDir,
        double evalFraction,
        int minEvalPairs,
        int minTrainPairs,
        double tolerance,
        double alpha,
        long seed,
        Integer gatingSteps,
        Duration timeout) {

    /** The default backbone: all-MiniLM-L6-v2 as {@code rlhf train} builds it. */
    public static final String DEFAULT_BACKBONE = "all-minilm-l6-v2/mean-l2/pair256-prompt128";

    /** Backbone of a lineage's first model. */
    public static final String BACKBONE = "retrainer.backbone";

    /** Durable feature cache directory. */
    public static final String CACHE_DIR = "retrainer.cache.dir";

    /** Newest share of labelled pairs held out for the gate. */
    public static final String EVAL_FRACTION = "retrainer.eval.fraction";

    /** Fewest held-out pairs a round accepts. */
    public static final String MIN_EVAL_PAIRS = "retrainer.eval.min.pairs";

    /** Fewest training pairs a round accepts. */
    public static final String MIN_TRAIN_PAIRS = "retrainer.train.min.pairs";

    /** Accuracy a candidate may lose against the live model and still be published. */
    public static final String TOLERANCE = "retrainer.eval.tolerance";

    /** Level of the paired non-inferiority test. */
    public static final String ALPHA = "retrainer.eval.alpha";

    /** Seed of the round. */
    public static final String SEED = "retrainer.seed";

    /** Stage-2 steps. */
    public static final String GATING_STEPS = "retrainer.gating.steps";

    /** Longest a round may run. */
    public static final String TIMEOUT = "retrainer.round.timeout";

    /** The keys above. */
    public static final List<String> KEYS =
            List.of(
                    BACKBONE,
                    CACHE_DIR,
                    EVAL_FRACTION,
                    MIN_EVAL_PAIRS,
                    MIN_TRAIN_PAIRS,
                    TOLERANCE,
                    ALPHA,
                    SEED,
                    GATING_STEPS,
                    TIMEOUT);

    /** Validates. */
    public RoundSettings {
        if (backboneId == null || backboneId.isBlank()) {
            throw new ConfigException(BACKBONE + " must name a backbone");
        }
        if (!(evalFraction > 0 && evalFraction < 1)) {
            throw new ConfigException(EVAL_FRACTION + " must lie in (0, 1)");
        }
        if (minEvalPairs < 1 || minTrainPairs < 2) {
            throw new ConfigException(
                    MIN_EVAL_PAIRS + " must be >= 1 and " + MIN_TRAIN_PAIRS + " >= 2");
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new ConfigException(TOLERANCE + " must lie in [0, 1)");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new ConfigException(ALPHA + " must lie in (0, 0.5)");
        }
        if (gatingSteps != null && gatingSteps < 0) {
            throw new ConfigException(GATING_STEPS + " must be >= 0");
        }
        if (timeout.toSeconds() < 10) {
            throw new ConfigException(TIMEOUT + " must be at least 10 s");
        }
    }

    /**
     * Reads the settings.
     *
     * @param source where to read
     * @return the settings
     */
    public static RoundSettings from(ConfigSource source) {
        String steps = source.raw(GATING_STEPS).orElse(null);
        return new RoundSettings(
                source.string(BACKBONE, DEFAULT_BACKBONE),
                Path.of(
                        source.string(
                                CACHE_DIR,
                                Path.of(
                                                System.getProperty("user.home"),
                                                ".cache",
                                                "rlhf",
                                                "features")
                                        .toString())),
                source.decimal(EVAL_FRACTION, 0.2),
                source.integer(MIN_EVAL_PAIRS, 20),
                source.integer(MIN_TRAIN_PAIRS, 50),
                source.decimal(TOLERANCE, 0.02),
                source.decimal(ALPHA, 0.05),
                source.longValue(SEED, 42),
                steps == null ? null : source.integer(GATING_STEPS, 0),
                source.duration(TIMEOUT, Duration.ofMinutes(30)));
    }
}
