package io.rewardloop.retrainer;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.ObjectiveReward;
import io.rewardloop.events.RewardScored;
import io.rewardloop.retrainer.drift.DriftCheck;
import io.rewardloop.retrainer.drift.DriftMonitor;
import io.rewardloop.retrainer.drift.DriftReference;
import io.rewardloop.retrainer.drift.DriftSettings;
import io.rewardloop.retrainer.drift.DriftTest;
import io.rewardloop.retrainer.drift.ScoredResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Feeds the live model's scores on {@code rlhf.rewards} to a {@link DriftMonitor} and turns its
 * alarms into {@code DriftDetected} events. The reference is the first {@code referenceSize}
 * responses scored by a version (METHODS.md: "the first window after publishing"); a new version
 * starts a new reference. Per window it tests the rewards per objective and the score (KS), and
 * MetaRM's discrimination J over prompts with two or more scored responses in the window, against
 * the reference's J (when the reference had enough such prompts). MMD on embeddings, ensemble
 * disagreement and accuracy on fresh labels need features the scorer does not publish: the {@link
 * EmbeddingWatch} runs those. Thread safe: the feedback reader feeds it, the leader takes the
 * alarms.
 */
public final class DriftWatch {

    private final DriftSettings settings;
    private final int referenceSize;
    private final List<ControlEvent> alarms = new ArrayList<>();
    private final List<ScoredResponse> reference = new ArrayList<>();
    private final Map<String, List<Double>> promptScores = new LinkedHashMap<>();
    private DriftMonitor monitor;
    private String version;
    private List<String> objectives;
    private int inWindow;
    private DriftCheck last;
    private boolean live;

    /**
     * Creates the watch.
     *
     * @param settings how the monitor tests
     * @param referenceSize responses of a new version taken as its reference
     */
    public DriftWatch(DriftSettings settings, int referenceSize) {
        this.settings = settings;
        this.referenceSize = referenceSize;
    }

    /**
     * Takes one scored response. History (read while catching up at start) builds the reference and
     * the windows as live data does, but its alarms were raised before the restart and are not
     * raised again.
     *
     * @param scored the event
     * @param live false while the retrainer reads the topic's history
     */
    public synchronized void onReward(RewardScored scored, boolean live) {
        this.live = live;
        List<String> names = scored.getObjectives().stream().map(o -> o.getObjective()).toList();
        if (!scored.getModelVersion().equals(version) || !names.equals(objectives)) {
            version = scored.getModelVersion();
            objectives = names;
            monitor = new DriftMonitor(settings);
            reference.clear();
            promptScores.clear();
            inWindow = 0;
        }
        ScoredResponse response =
                new ScoredResponse(
                        scored.getScoredAt().toEpochMilli(),
                        scored.getObjectives().stream()
                                .mapToDouble(ObjectiveReward::getReward)
                                .toArray(),
                        scored.getScore(),
                        null,
                        null);
        if (!monitor.hasReference()) {
            reference.add(response);
            if (reference.size() >= referenceSize) {
                monitor.setReference(
                        new DriftReference(
                                objectives,
                                List.copyOf(reference),
                                OptionalDouble.empty(),
                                OptionalDouble.empty()));
                reference.clear();
            }
            return;
        }
        promptScores
                .computeIfAbsent(scored.getPromptId(), p -> new ArrayList<>())
                .add(scored.getScore());
        if (++inWindow == settings.windowSize()) {
            promptScores.values().stream()
                    .filter(s -> s.size() >= 2)
                    .forEach(
                            s ->
                                    monitor.observePrompt(
                                            s.stream().mapToDouble(Double::doubleValue).toArray()));
            promptScores.clear();
            inWindow = 0;
        }
        monitor.observe(response).ifPresent(this::checked);
    }

    /**
     * Takes the alarms raised since the last call, as events.
     *
     * @return DriftDetected events, oldest first
     */
    public synchronized List<ControlEvent> takeAlarms() {
        List<ControlEvent> taken = List.copyOf(alarms);
        alarms.clear();
        return taken;
    }

    /**
     * The newest window check.
     *
     * @return the check, empty before the first full window
     */
    public synchronized Optional<DriftCheck> lastCheck() {
        return Optional.ofNullable(last);
    }

    private void checked(DriftCheck check) {
        last = check;
        if (live) {
            alarms.addAll(events(version, check));
        }
    }

    /**
     * The alarms of a check as {@code DriftDetected} events, one per alarmed test, each with its
     * statistic, p-value, threshold, sizes and window.
     *
     * @param version the live version the check tested
     * @param check the check
     * @return the events, empty when nothing alarmed
     */
    static List<ControlEvent> events(String version, DriftCheck check) {
        List<ControlEvent> events = new ArrayList<>();
        for (DriftTest test : check.alarms()) {
            events.add(
                    ControlEvents.wrap(
                            DriftDetected.newBuilder()
                                    .setModelVersion(version)
                                    .setDetector(test.detector())
                                    .setObjective(test.objective())
                                    .setStatistic(test.statistic())
                                    .setPValue(test.pValue())
                                    .setThreshold(test.threshold())
                                    .setReferenceSize(test.referenceSize())
                                    .setLiveSize(test.liveSize())
                                    .setWindowStart(Instant.ofEpochMilli(check.windowStartMillis()))
                                    .setWindowEnd(Instant.ofEpochMilli(check.windowEndMillis()))
                                    .build()));
        }
        return events;
    }
}
