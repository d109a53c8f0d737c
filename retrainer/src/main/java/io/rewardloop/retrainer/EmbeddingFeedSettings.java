package io.rewardloop.retrainer;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.util.List;

/**
 * How the retrainer embeds the live streams for the drift detectors that need features (MMD on
 * embeddings, ensemble disagreement, accuracy on fresh labels), and how much CPU it may spend.
 *
 * <p>Defaults and why: the scorer embeds every response with the same MiniLM backbone, about 36 CPU
 * ms a response at 256 tokens (benchmarks/results/backbone.md), and reaches about 47 responses/s
 * end to end on 2 cores (benchmarks/results/scorer.md). Embedding one response in 20 ({@code
 * sampleFraction} 0.05), at most 2 new embeddings a second, costs the retrainer at most about 72
 * CPU ms a second, under 4% of one core, so on {@code rlhf up} with 2 cores it leaves the scorer
 * more than 95% of what it had; at the scorer's full rate the cap binds (2.35 sampled/s) and the
 * surplus is dropped and counted. Windows of 250 sampled responses then fill in about two minutes
 * at full load (about four at 20 responses/s), and 250 is the MMD's default sample.
 *
 * @param sampleFraction share of the prompts on {@code rlhf.responses} whose responses are embedded
 *     (one response a prompt, see {@link EmbeddingFeed#offerResponse}), chosen by a hash of the
 *     prompt id (so a restart picks the same ones, which the disk cache then holds)
 * @param maxPerSecond new backbone rows (cache misses) a second, at most, on average
 * @param windowSize embedded responses per tested window; the reference is the first two windows
 *     after the live version was published
 * @param ensembleMembers bootstrap heads for ensemble disagreement, 0 to turn it off, else at least
 *     2
 * @param ensemblePairs the newest labelled pairs recorded before the live version was published
 *     that the heads are fit on (approximately its training pairs)
 */
public record EmbeddingFeedSettings(
        double sampleFraction,
        double maxPerSecond,
        int windowSize,
        int ensembleMembers,
        int ensemblePairs) {

    /** Share of the policy's responses embedded for the drift detectors. */
    public static final String SAMPLE_FRACTION = "retrainer.drift.embed.sample.fraction";

    /** New embeddings a second, at most (responses and fresh labels together). */
    public static final String MAX_PER_SECOND = "retrainer.drift.embed.max.per.second";

    /** Embedded responses per tested window. */
    public static final String WINDOW_SIZE = "retrainer.drift.embed.window.size";

    /** Bootstrap heads for ensemble disagreement (0: off). */
    public static final String ENSEMBLE_MEMBERS = "retrainer.drift.ensemble.members";

    /** Labelled pairs the bootstrap heads are fit on. */
    public static final String ENSEMBLE_PAIRS = "retrainer.drift.ensemble.pairs";

    /** The keys above. */
    public static final List<String> KEYS =
            List.of(SAMPLE_FRACTION, MAX_PER_SECOND, WINDOW_SIZE, ENSEMBLE_MEMBERS, ENSEMBLE_PAIRS);

    /** The defaults: 0.05, 2 a second, windows of 250, 5 heads on 500 pairs. */
    public static final EmbeddingFeedSettings DEFAULTS =
            new EmbeddingFeedSettings(0.05, 2.0, 250, 5, 500);

    /** Validates; the message names the key. */
    public EmbeddingFeedSettings {
        if (!(sampleFraction >= 0 && sampleFraction <= 1)) {
            throw new ConfigException(SAMPLE_FRACTION + " must be in [0, 1]: " + sampleFraction);
        }
        if (!(maxPerSecond > 0)) {
            throw new ConfigException(MAX_PER_SECOND + " must be positive: " + maxPerSecond);
        }
        if (windowSize < 4) {
            throw new ConfigException(WINDOW_SIZE + " must be at least 4: " + windowSize);
        }
        if (ensembleMembers == 1 || ensembleMembers < 0) {
            throw new ConfigException(
                    ENSEMBLE_MEMBERS + " must be 0 (off) or at least 2: " + ensembleMembers);
        }
        if (ensemblePairs < 2) {
            throw new ConfigException(ENSEMBLE_PAIRS + " must be at least 2: " + ensemblePairs);
        }
    }

    /**
     * Reads the settings.
     *
     * @param source where to read
     * @return the settings, {@link #DEFAULTS} where a key is absent
     */
    public static EmbeddingFeedSettings from(ConfigSource source) {
        return new EmbeddingFeedSettings(
                source.decimal(SAMPLE_FRACTION, DEFAULTS.sampleFraction()),
                source.decimal(MAX_PER_SECOND, DEFAULTS.maxPerSecond()),
                source.integer(WINDOW_SIZE, DEFAULTS.windowSize()),
                source.integer(ENSEMBLE_MEMBERS, DEFAULTS.ensembleMembers()),
                source.integer(ENSEMBLE_PAIRS, DEFAULTS.ensemblePairs()));
    }

    /**
     * Whether a prompt is in the sample: a hash of its id below the fraction.
     *
     * @param key the prompt's id
     * @return true when its responses may be embedded
     */
    public boolean sampled(String key) {
        // SplitMix64's finaliser spreads the 32-bit String hash over 64 bits.
        long z = key.hashCode() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        double unit = ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
        return unit < sampleFraction;
    }
}
