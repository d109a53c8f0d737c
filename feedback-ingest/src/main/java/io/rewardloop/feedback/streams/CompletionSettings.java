package io.rewardloop.feedback.streams;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.feedback.IngestConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How feedback that names responses by id is completed from {@code rlhf.responses} (see {@link
 * CompletionTopology}).
 *
 * @param maxWait how long feedback waits for a response it names before it is dead-lettered ({@code
 *     incomplete: ...}), wall-clock time
 * @param retention how long responses are kept for feedback that names them, in record time
 */
public record CompletionSettings(Duration maxWait, Duration retention) {

    /** Ten minutes' wait, seven days' retention. */
    public static final CompletionSettings DEFAULTS =
            new CompletionSettings(Duration.ofMinutes(10), Duration.ofDays(7));

    // Bounds of how often waiting feedback is checked: often enough for short test waits, rarely
    // enough that a full scan of the (small) waiting store costs nothing.
    private static final Duration MIN_CHECK = Duration.ofMillis(100);
    private static final Duration MAX_CHECK = Duration.ofSeconds(10);

    /** Validates; messages name the key. */
    public CompletionSettings {
        Objects.requireNonNull(maxWait, IngestConfig.COMPLETION_WAIT);
        Objects.requireNonNull(retention, IngestConfig.COMPLETION_RETENTION);
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new ConfigException(
                    IngestConfig.COMPLETION_WAIT + " must be positive, got " + maxWait);
        }
        if (retention.compareTo(maxWait) < 0) {
            throw new ConfigException(
                    IngestConfig.COMPLETION_RETENTION
                            + " must be at least "
                            + IngestConfig.COMPLETION_WAIT
                            + " ("
                            + maxWait
                            + "), got "
                            + retention);
        }
    }

    /**
     * Reads {@link IngestConfig#COMPLETION_WAIT} and {@link IngestConfig#COMPLETION_RETENTION}.
     *
     * @param source environment, then system properties, then defaults
     * @return the validated settings
     * @throws ConfigException naming the key that is wrong
     */
    public static CompletionSettings from(ConfigSource source) {
        return new CompletionSettings(
                source.duration(IngestConfig.COMPLETION_WAIT, DEFAULTS.maxWait()),
                source.duration(IngestConfig.COMPLETION_RETENTION, DEFAULTS.retention()));
    }

    /**
     * How often waiting feedback is checked: a tenth of the maximum wait, within 100 ms .. 10 s.
     * Feedback is dead-lettered at most this long after its wait ended.
     *
     * @return the punctuation interval
     */
    public Duration checkInterval() {
        Duration tenth = maxWait.dividedBy(10);
        return tenth.compareTo(MIN_CHECK) < 0
                ? MIN_CHECK
                : tenth.compareTo(MAX_CHECK) > 0 ? MAX_CHECK : tenth;
    }
}
