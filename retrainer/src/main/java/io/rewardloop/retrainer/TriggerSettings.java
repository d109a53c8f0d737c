package io.rewardloop.retrainer;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.time.Duration;
import java.util.List;

/**
 * When the retrainer asks for a round on its own (a user can always ask by hand).
 *
 * @param feedbackCount new labelled pairs since the last round that trigger one (0: off)
 * @param schedule time since the last round that triggers one ({@code PT0S}: off)
 * @param onDrift whether a drift alarm also requests a round
 * @param checkInterval how often the triggers are checked
 */
public record TriggerSettings(
        int feedbackCount, Duration schedule, boolean onDrift, Duration checkInterval) {

    /** New labelled pairs since the last round that trigger a round; 0 turns it off. */
    public static final String FEEDBACK_COUNT = "retrainer.trigger.feedback.count";

    /** Time since the last round (or the start) that triggers a round; PT0S turns it off. */
    public static final String SCHEDULE = "retrainer.trigger.schedule";

    /** true: a drift alarm requests a round; false: it is only reported. */
    public static final String ON_DRIFT = "retrainer.trigger.drift";

    /** How often the triggers are checked. */
    public static final String CHECK_INTERVAL = "retrainer.trigger.check.interval";

    /** The keys above. */
    public static final List<String> KEYS =
            List.of(FEEDBACK_COUNT, SCHEDULE, ON_DRIFT, CHECK_INTERVAL);

    /** Validates. */
    public TriggerSettings {
        if (feedbackCount < 0) {
            throw new ConfigException(FEEDBACK_COUNT + " must be >= 0 (0 turns it off)");
        }
        if (schedule.isNegative()) {
            throw new ConfigException(SCHEDULE + " must not be negative (PT0S turns it off)");
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new ConfigException(CHECK_INTERVAL + " must be positive");
        }
    }

    /**
     * Reads the settings.
     *
     * @param source where to read
     * @return the settings: a round per 1,000 new pairs and on drift, no schedule, checked every
     *     second
     */
    public static TriggerSettings from(ConfigSource source) {
        return new TriggerSettings(
                source.integer(FEEDBACK_COUNT, 1000),
                source.duration(SCHEDULE, Duration.ZERO),
                source.bool(ON_DRIFT, true),
                source.duration(CHECK_INTERVAL, Duration.ofSeconds(1)));
    }
}
