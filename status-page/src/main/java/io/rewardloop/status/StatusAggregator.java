package io.rewardloop.status;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.RewardScored;
import io.rewardloop.events.RoundFinished;
import io.rewardloop.status.StatusSnapshot.DriftPoint;
import io.rewardloop.status.StatusSnapshot.FeedbackPoint;
import io.rewardloop.status.StatusSnapshot.ModelRow;
import io.rewardloop.status.StatusSnapshot.Rejection;
import io.rewardloop.status.StatusSnapshot.RewardPoint;
import io.rewardloop.status.StatusSnapshot.RoundRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the records of the topics into bounded aggregates: rewards and feedback into the newest
 * time buckets, drift alarms and rounds into the newest few hundred, rejections into counts per
 * reason. Memory does not grow with the topics. Thread-safe: the reader adds, HTTP threads take
 * snapshots.
 */
final class StatusAggregator {

    /** Drift alarms kept. */
    static final int DRIFT_KEPT = 500;

    /** Round outcomes kept. */
    static final int ROUNDS_KEPT = 50;

    /** Distinct rejection reasons kept; further ones count as {@code other}. */
    static final int REASONS_KEPT = 20;

    /** Reasons are cut to this many characters. */
    static final int REASON_CHARS = 160;

    private final String lineage;
    private final TimeBuckets<RewardBucket> rewards;
    private final TimeBuckets<long[]> feedback;
    private final Deque<DriftPoint> drift = new ArrayDeque<>();
    private final Deque<RoundRow> rounds = new ArrayDeque<>();
    private final Map<String, Long> rejections = new LinkedHashMap<>();
    private final Map<String, Long> totals = new LinkedHashMap<>();
    private List<ModelRow> models = List.of();
    private String liveVersion;

    StatusAggregator(String lineage, long bucketMillis, int bucketCount, long seed) {
        this.lineage = lineage;
        this.rewards = new TimeBuckets<>(bucketMillis, bucketCount, s -> new RewardBucket(s, seed));
        // preferences, ratings, rejected
        this.feedback = new TimeBuckets<>(bucketMillis, bucketCount, s -> new long[3]);
        for (String kind :
                List.of("rewards", "preferences", "ratings", "control", "deadLetters", "skipped")) {
            totals.put(kind, 0L);
        }
    }

    synchronized void onReward(RewardScored reward, long timestamp) {
        count("rewards");
        RewardBucket bucket = rewards.at(timestamp);
        if (bucket != null) {
            bucket.add(reward);
        }
    }

    synchronized void onPreference(long timestamp) {
        count("preferences");
        addFeedback(timestamp, 0);
    }

    synchronized void onRating(long timestamp) {
        count("ratings");
        addFeedback(timestamp, 1);
    }

    synchronized void onRejected(String reason, long timestamp) {
        count("deadLetters");
        addFeedback(timestamp, 2);
        String cut = reason == null || reason.isBlank() ? "(no reason given)" : reason.strip();
        if (cut.length() > REASON_CHARS) {
            cut = cut.substring(0, REASON_CHARS - 3) + "...";
        }
        if (!rejections.containsKey(cut) && rejections.size() >= REASONS_KEPT) {
            cut = "other";
        }
        rejections.merge(cut, 1L, Long::sum);
    }

    synchronized void onSkipped() {
        count("skipped");
    }

    /**
     * A record of {@code rlhf.control}; those of other lineages are ignored.
     *
     * @param key the record key: the lineage
     * @param event the event
     * @param timestamp the record time
     */
    synchronized void onControl(String key, ControlEvent event, long timestamp) {
        if (!lineage.equals(key)) {
            return;
        }
        count("control");
        if (event.getPayload() instanceof DriftDetected alarm) {
            keep(drift, drift(alarm), DRIFT_KEPT);
        } else if (event.getPayload() instanceof RoundFinished round) {
            keep(rounds, round(round, timestamp), ROUNDS_KEPT);
        }
    }

    /**
     * The lineage's versions, replacing what was known.
     *
     * @param rows the versions in log order
     * @param live the live version, or null
     */
    synchronized void onModels(List<ModelRow> rows, String live) {
        this.models = List.copyOf(rows);
        this.liveVersion = live;
    }

    synchronized StatusSnapshot snapshot(
            long now, boolean caughtUp, StatusSnapshot.Agreement agreement) {
        Set<String> objectives = new LinkedHashSet<>();
        List<RewardPoint> points = new ArrayList<>();
        for (var entry : rewards.entries()) {
            entry.getValue().objectives().forEach(objectives::add);
            points.add(entry.getValue().point());
        }
        List<FeedbackPoint> volume = new ArrayList<>();
        for (var entry : feedback.entries()) {
            long[] c = entry.getValue();
            volume.add(new FeedbackPoint(entry.getKey(), c[0], c[1], c[2]));
        }
        List<Rejection> reasons =
                rejections.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> new Rejection(e.getKey(), e.getValue()))
                        .toList();
        List<DriftPoint> alarms = new ArrayList<>(drift);
        alarms.sort(Comparator.comparingLong(DriftPoint::time));
        Map<String, Long> counts = new LinkedHashMap<>(totals);
        counts.put("droppedOld", rewards.dropped() + feedback.dropped());
        return new StatusSnapshot(
                now,
                lineage,
                rewards.widthMillis(),
                caughtUp,
                counts,
                liveVersion,
                models,
                List.copyOf(objectives),
                points,
                volume,
                reasons,
                alarms,
                newestFirst(rounds),
                agreement);
    }

    private static <T> List<T> newestFirst(Deque<T> kept) {
        List<T> out = new ArrayList<>(kept.size());
        kept.descendingIterator().forEachRemaining(out::add);
        return out;
    }

    private void addFeedback(long timestamp, int kind) {
        long[] bucket = feedback.at(timestamp);
        if (bucket != null) {
            bucket[kind]++;
        }
    }

    private void count(String kind) {
        totals.merge(kind, 1L, Long::sum);
    }

    private static <T> void keep(Deque<T> kept, T item, int limit) {
        kept.addLast(item);
        while (kept.size() > limit) {
            kept.removeFirst();
        }
    }

    private static DriftPoint drift(DriftDetected alarm) {
        String test =
                alarm.getObjective() == null
                        ? alarm.getDetector().name()
                        : alarm.getDetector().name() + "/" + alarm.getObjective();
        return new DriftPoint(
                alarm.getWindowEnd().toEpochMilli(),
                test,
                alarm.getModelVersion(),
                RewardBucket.finite(alarm.getStatistic()),
                alarm.getPValue() == null ? null : RewardBucket.finite(alarm.getPValue()),
                RewardBucket.finite(alarm.getThreshold()),
                alarm.getReferenceSize(),
                alarm.getLiveSize(),
                alarm.getWindowStart().toEpochMilli());
    }

    private static RoundRow round(RoundFinished round, long timestamp) {
        return new RoundRow(
                timestamp,
                round.getRequestId(),
                round.getOutcome().name(),
                round.getReason(),
                round.getCandidateVersion(),
                round.getParentVersion(),
                round.getTrigger().name(),
                ModelRows.finiteMetrics(round.getMetrics()));
    }
}
