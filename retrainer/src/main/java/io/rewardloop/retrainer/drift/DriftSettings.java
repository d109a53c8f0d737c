package io.rewardloop.retrainer.drift;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.util.List;

/**
 * How drift is tested.
 *
 * <p>Calibration over time: the live stream is cut into consecutive, non-overlapping windows of
 * {@code windowSize} responses and each full window is checked once. Each check's family-wise
 * false-alarm probability is at most {@code falseAlarmRate}, split evenly (Bonferroni) over the
 * tests it runs, so the number of checks until a false alarm is at least geometric with mean {@code
 * 1 / falseAlarmRate}: an expected run time without drift (ERT) of at least {@code windowSize /
 * falseAlarmRate} responses, 500,000 with the defaults. alibi-detect's online detectors
 * (MMDDriftOnline, LSDDDriftOnline) target an ERT too, but test a sliding window after every
 * observation with thresholds calibrated by simulation; this design reacts once per window
 * (detection delay up to one window) and needs no simulation. Repeating a p &lt; 0.05 test per
 * window instead raises a false alarm in a quarter of the windows (measured in the tests).
 *
 * <p>The windows are independent given the reference, but they all meet the same one, so a
 * two-sample p-value, exact on average over references, is not exact for the one reference a stream
 * is tested against: where the reference's empirical CDF happens to stray from its population,
 * every window's KS statistic is pushed up and the false-alarm rate can be several times the
 * nominal one (against a one-in-twenty reference of 200, windows of 50 alarmed in 3.5% of windows
 * at a nominal 1%). The KS tests therefore use a reference margin (see {@link
 * KolmogorovSmirnov#pValueAgainstReference}): with probability {@code referenceConfidence} over the
 * draw of the reference, the rate holds for every window tested against it. The margin shrinks as
 * {@code 1 / sqrt(reference size)}, so references of several windows cost little power. The MMD
 * permutation test and the constant references of J and human accuracy are calibrated on average
 * over references; their deltas absorb the error of a reference value.
 *
 * @param windowSize responses per live window
 * @param falseAlarmRate family-wise false-alarm probability of one window's check
 * @param discriminationDelta how far mean J may fall below its reference before it is drift
 * @param minPrompts prompts with k >= 2 samples needed before J is tested (else they carry over)
 * @param humanAccuracyDelta how far accuracy on fresh human labels may fall below the reference
 * @param minLabels fresh human labels needed before accuracy is tested (else they carry over)
 * @param pcaDims principal components the embeddings are reduced to (32 to 128 for real embeddings)
 * @param mmdSampleSize reference and live embeddings in the MMD's pooled sample, each (larger ones
 *     are subsampled at random); a permutation costs O(sample size^2), and an alarmed window runs
 *     about {@code 5 / alpha} of them
 * @param permutations the fewest MMD permutations (raised where the level needs more)
 * @param referenceConfidence probability that every KS reference lies within its DKW margin of its
 *     population, the condition under which the false-alarm rate holds for this reference
 * @param seed seed of the PCA start, the MMD subsamples and the permutations
 */
public record DriftSettings(
        int windowSize,
        double falseAlarmRate,
        double discriminationDelta,
        int minPrompts,
        double humanAccuracyDelta,
        int minLabels,
        int pcaDims,
        int mmdSampleSize,
        int permutations,
        double referenceConfidence,
        long seed) {

    /** Responses per live window. */
    public static final String WINDOW_SIZE = "retrainer.drift.window.size";

    /** False alarms per window checked without drift (the family-wise level of one check). */
    public static final String FALSE_ALARM_RATE = "retrainer.drift.false.alarms.per.windows";

    /** Allowed fall of mean MetaRM J below its reference. */
    public static final String DISCRIMINATION_DELTA = "retrainer.drift.discrimination.delta";

    /** Prompts with k >= 2 samples needed before J is tested. */
    public static final String MIN_PROMPTS = "retrainer.drift.discrimination.min.prompts";

    /** Allowed fall of accuracy on fresh human labels below the reference accuracy. */
    public static final String HUMAN_ACCURACY_DELTA = "retrainer.drift.human.accuracy.delta";

    /** Fresh human labels needed before accuracy is tested. */
    public static final String MIN_LABELS = "retrainer.drift.human.accuracy.min.labels";

    /** Principal components of the embeddings for the MMD test. */
    public static final String PCA_DIMS = "retrainer.drift.mmd.pca.dims";

    /** Reference and live embeddings, each, in the MMD's pooled sample. */
    public static final String MMD_SAMPLE_SIZE = "retrainer.drift.mmd.sample.size";

    /** The fewest MMD permutations. */
    public static final String PERMUTATIONS = "retrainer.drift.mmd.permutations";

    /** Confidence that the KS references are within their margins (see KolmogorovSmirnov). */
    public static final String REFERENCE_CONFIDENCE = "retrainer.drift.reference.confidence";

    /** Seed of every random choice of the detectors. */
    public static final String SEED = "retrainer.drift.seed";

    /** Every key read here, for start-up checks of unknown keys. */
    public static final List<String> KEYS =
            List.of(
                    WINDOW_SIZE,
                    FALSE_ALARM_RATE,
                    DISCRIMINATION_DELTA,
                    MIN_PROMPTS,
                    HUMAN_ACCURACY_DELTA,
                    MIN_LABELS,
                    PCA_DIMS,
                    MMD_SAMPLE_SIZE,
                    PERMUTATIONS,
                    REFERENCE_CONFIDENCE,
                    SEED);

    /**
     * The defaults: windows of 500, one false alarm per 1,000 windows, deltas 0.05, 30 prompts, 100
     * labels, 32 components, 500 reference embeddings, at least 100 permutations (alibi-detect's
     * offline default), reference confidence 0.95, seed 42.
     */
    public static final DriftSettings DEFAULTS =
            new DriftSettings(500, 0.001, 0.05, 30, 0.05, 100, 32, 250, 100, 0.95, 42L);

    /** Validates every value; the message names the offending key. */
    public DriftSettings {
        requireAtLeast(windowSize, 4, WINDOW_SIZE);
        if (!(falseAlarmRate > 0 && falseAlarmRate < 1)) {
            throw new ConfigException(FALSE_ALARM_RATE + " must be in (0, 1): " + falseAlarmRate);
        }
        requireNonNegative(discriminationDelta, DISCRIMINATION_DELTA);
        requireNonNegative(humanAccuracyDelta, HUMAN_ACCURACY_DELTA);
        requireAtLeast(minPrompts, 2, MIN_PROMPTS);
        requireAtLeast(minLabels, 1, MIN_LABELS);
        requireAtLeast(pcaDims, 1, PCA_DIMS);
        requireAtLeast(mmdSampleSize, 2, MMD_SAMPLE_SIZE);
        requireAtLeast(permutations, 1, PERMUTATIONS);
        if (!(referenceConfidence > 0 && referenceConfidence < 1)) {
            throw new ConfigException(
                    REFERENCE_CONFIDENCE + " must be in (0, 1): " + referenceConfidence);
        }
    }

    /**
     * Reads the settings: environment, then system properties, then {@link #DEFAULTS}.
     *
     * @param source where to read
     * @return the validated settings
     */
    public static DriftSettings from(ConfigSource source) {
        return new DriftSettings(
                source.integer(WINDOW_SIZE, DEFAULTS.windowSize()),
                source.decimal(FALSE_ALARM_RATE, DEFAULTS.falseAlarmRate()),
                source.decimal(DISCRIMINATION_DELTA, DEFAULTS.discriminationDelta()),
                source.integer(MIN_PROMPTS, DEFAULTS.minPrompts()),
                source.decimal(HUMAN_ACCURACY_DELTA, DEFAULTS.humanAccuracyDelta()),
                source.integer(MIN_LABELS, DEFAULTS.minLabels()),
                source.integer(PCA_DIMS, DEFAULTS.pcaDims()),
                source.integer(MMD_SAMPLE_SIZE, DEFAULTS.mmdSampleSize()),
                source.integer(PERMUTATIONS, DEFAULTS.permutations()),
                source.decimal(REFERENCE_CONFIDENCE, DEFAULTS.referenceConfidence()),
                source.longValue(SEED, DEFAULTS.seed()));
    }

    /**
     * These settings with another window size (for a feed that fills windows at its own pace).
     *
     * @param size responses per window
     * @return the copy
     */
    public DriftSettings withWindowSize(int size) {
        return new DriftSettings(
                size,
                falseAlarmRate,
                discriminationDelta,
                minPrompts,
                humanAccuracyDelta,
                minLabels,
                pcaDims,
                mmdSampleSize,
                permutations,
                referenceConfidence,
                seed);
    }

    private static void requireAtLeast(int value, int least, String key) {
        if (value < least) {
            throw new ConfigException(key + " must be at least " + least + ": " + value);
        }
    }

    private static void requireNonNegative(double value, String key) {
        if (!(value >= 0)) {
            throw new ConfigException(key + " must not be negative: " + value);
        }
    }
}
