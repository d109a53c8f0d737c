package io.rewardloop.scorer;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.time.Duration;
import java.util.List;

/**
 * How the scoring loop retries a batch that failed for a transient cause, and its test-only fault
 * injection point.
 *
 * @param retryBackoffInitial the wait after the first failure in a row; it doubles with each
 *     further failure
 * @param retryBackoffMax the longest wait between two tries of the same batch
 * @param haltAfterSends tests only: when positive, the JVM halts (no shutdown hooks) after the Nth
 *     transaction's records and offsets are sent and flushed, before it is committed; 0 = off
 */
public record LoopSettings(
        Duration retryBackoffInitial, Duration retryBackoffMax, int haltAfterSends) {

    /** The wait after the first transient failure in a row (doubles up to the maximum). */
    public static final String RETRY_BACKOFF_INITIAL = "scorer.retry.backoff.initial";

    /** The longest wait between two tries of a batch that failed for a transient cause. */
    public static final String RETRY_BACKOFF_MAX = "scorer.retry.backoff.max";

    /**
     * Tests only: halt the JVM after the Nth transaction's sends, before its commit (0 = off).
     * Proves that the loop is exactly once, not only at least once.
     */
    public static final String FAULT_HALT_AFTER_SENDS = "scorer.fault.halt.after.sends";

    /** Every key read here, for start-up checks of unknown keys. */
    public static final List<String> KEYS =
            List.of(RETRY_BACKOFF_INITIAL, RETRY_BACKOFF_MAX, FAULT_HALT_AFTER_SENDS);

    /** The exit status of a JVM halted by {@link #FAULT_HALT_AFTER_SENDS}. */
    public static final int HALT_STATUS = 86;

    /** The defaults: 100 ms doubling up to 10 s, no fault injection. */
    public static final LoopSettings DEFAULTS =
            new LoopSettings(Duration.ofMillis(100), Duration.ofSeconds(10), 0);

    /** Validates every value; the message names the offending key. */
    public LoopSettings {
        if (retryBackoffInitial.isNegative() || retryBackoffInitial.isZero()) {
            throw new ConfigException(RETRY_BACKOFF_INITIAL + " must be positive");
        }
        if (retryBackoffMax.compareTo(retryBackoffInitial) < 0) {
            throw new ConfigException(
                    RETRY_BACKOFF_MAX
                            + " ("
                            + retryBackoffMax
                            + ") must not be below "
                            + RETRY_BACKOFF_INITIAL
                            + " ("
                            + retryBackoffInitial
                            + ")");
        }
        if (haltAfterSends < 0) {
            throw new ConfigException(FAULT_HALT_AFTER_SENDS + " must be 0 (off) or positive");
        }
    }

    /**
     * Reads the settings: environment, then system properties, then {@link #DEFAULTS}.
     *
     * @param source where to read
     * @return the validated settings
     */
    public static LoopSettings from(ConfigSource source) {
        return new LoopSettings(
                source.duration(RETRY_BACKOFF_INITIAL, DEFAULTS.retryBackoffInitial()),
                source.duration(RETRY_BACKOFF_MAX, DEFAULTS.retryBackoffMax()),
                source.integer(FAULT_HALT_AFTER_SENDS, 0));
    }
}
