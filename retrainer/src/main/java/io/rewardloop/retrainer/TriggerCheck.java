package io.rewardloop.retrainer;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.RetrainTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The automatic triggers, checked by the leader between rounds: a feedback count (new labelled
 * pairs since the last round, or since the pairs the live version was trained on), a schedule (time
 * since the last round, or since the leader started), and drift (alarms from the drift watch, each
 * written as a {@code DriftDetected}; with {@link TriggerSettings#onDrift()} they also request a
 * round, as soon as a labelled pair has arrived that the last round did not see: a round on the
 * same pairs would train the same candidate again). After a request no other is made until a round
 * has finished.
 */
public final class TriggerCheck {

    private final TriggerSettings settings;
    private final IntSupplier pairs;
    private final Supplier<List<ControlEvent>> driftAlarms;
    private long pairsAtLastRound;
    private Instant lastRound;
    private Instant lastCheck = Instant.MIN;
    private boolean requested;
    private int driftAlarmsWaiting;

    /**
     * Creates the check.
     *
     * @param settings the triggers
     * @param pairs labelled pairs read so far
     * @param driftAlarms takes the drift watch's new alarms (as DriftDetected events)
     * @param start when the leader started
     */
    public TriggerCheck(
            TriggerSettings settings,
            IntSupplier pairs,
            Supplier<List<ControlEvent>> driftAlarms,
            Instant start) {
        this.settings = settings;
        this.pairs = pairs;
        this.driftAlarms = driftAlarms;
        this.lastRound = start;
    }

    /**
     * Sets the count trigger's base from the live version's lineage (pairs it was trained on).
     *
     * @param trained labelled pairs behind the live version
     */
    public synchronized void trainedOn(long trained) {
        pairsAtLastRound = Math.max(pairsAtLastRound, trained);
    }

    /**
     * A round finished: the count and the schedule start again.
     *
     * @param pairsNow labelled pairs read when it finished
     * @param now when
     */
    public synchronized void roundFinished(long pairsNow, Instant now) {
        pairsAtLastRound = pairsNow;
        lastRound = now;
        requested = false;
        driftAlarmsWaiting = 0;
    }

    /**
     * Checks the triggers (at most once per check interval).
     *
     * @param now the time
     * @return events to write: drift alarms, then at most one request
     */
    public synchronized List<ControlEvent> check(Instant now) {
        if (Duration.between(lastCheck, now).compareTo(settings.checkInterval()) < 0) {
            return List.of();
        }
        lastCheck = now;
        List<ControlEvent> events = new ArrayList<>(driftAlarms.get());
        driftAlarmsWaiting += events.size();
        if (requested) {
            return events;
        }
        long fresh = pairs.getAsInt() - pairsAtLastRound;
        if (driftAlarmsWaiting > 0 && settings.onDrift() && fresh > 0) {
            events.add(
                    request(
                            RetrainTrigger.DRIFT,
                            driftAlarmsWaiting
                                    + " drift alarm(s), "
                                    + fresh
                                    + " new labelled pairs"));
        } else if (settings.feedbackCount() > 0 && fresh >= settings.feedbackCount()) {
            events.add(
                    request(
                            RetrainTrigger.FEEDBACK_COUNT,
                            fresh
                                    + " new labelled pairs (threshold "
                                    + settings.feedbackCount()
                                    + ")"));
        } else if (!settings.schedule().isZero()
                && Duration.between(lastRound, now).compareTo(settings.schedule()) >= 0) {
            events.add(request(RetrainTrigger.SCHEDULE, "scheduled every " + settings.schedule()));
        }
        return events;
    }

    private ControlEvent request(RetrainTrigger trigger, String reason) {
        requested = true;
        return ControlEvents.retrainRequested(trigger, reason, "retrainer", null);
    }
}
