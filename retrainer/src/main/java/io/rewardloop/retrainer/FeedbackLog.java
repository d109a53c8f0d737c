package io.rewardloop.retrainer;

import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.data.RatedExample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the retrainer has read: labelled pairs and ratings in arrival order, the policy's responses
 * of its latest rounds grouped by prompt, and the offsets consumed per topic partition (for each
 * version's lineage). Rebuilt from Kafka at every start: nothing here needs its own disk. Thread
 * safe; {@link #snapshot()} copies.
 */
public final class FeedbackLog {

    /** Policy rounds kept for MetaRM (the newest ones). */
    static final int ROUNDS_KEPT = 2;

    /** Responses kept per policy round, to bound memory. */
    static final int RESPONSES_PER_ROUND = 20_000;

    private final List<Labelled<PreferencePair>> pairs = new ArrayList<>();
    private final List<Labelled<RatedExample>> ratings = new ArrayList<>();
    private final TreeMap<Long, Map<String, List<String[]>>> responsesByRound = new TreeMap<>();
    private final Map<Long, Integer> responseCounts = new HashMap<>();
    private final Map<String, long[]> offsets = new TreeMap<>();

    /**
     * An item with when it arrived.
     *
     * @param item the pair or rating
     * @param timestamp the record's timestamp (ms)
     * @param topicPartition where it came from, {@code topic-partition}
     * @param offset its offset
     * @param <T> the item type
     */
    public record Labelled<T>(T item, long timestamp, String topicPartition, long offset) {}

    /**
     * What a round trains and judges on, copied.
     *
     * @param pairs labelled pairs, oldest first
     * @param ratings ratings, oldest first
     * @param policyGroups the newest policy round's responses grouped by prompt (prompt, responses)
     * @param policyRound that round, or -1 when none was seen
     * @param offsets per topic partition, the first and last offset consumed
     */
    public record Snapshot(
            List<Labelled<PreferencePair>> pairs,
            List<Labelled<RatedExample>> ratings,
            List<PolicyGroup> policyGroups,
            long policyRound,
            Map<String, long[]> offsets) {}

    /**
     * The policy's responses to one prompt.
     *
     * @param prompt the prompt
     * @param responses two or more responses
     */
    public record PolicyGroup(String prompt, List<String> responses) {}

    /**
     * Adds a preference; ties carry no order and are not trained on.
     *
     * @param event the event
     * @param timestamp the record timestamp
     * @param topicPartition where it came from
     * @param offset its offset
     */
    public synchronized void addPreference(
            PreferenceRecorded event, long timestamp, String topicPartition, long offset) {
        consumed(topicPartition, offset);
        PreferencePair pair = pairOf(event);
        if (pair != null) {
            pairs.add(new Labelled<>(pair, timestamp, topicPartition, offset));
        }
    }

    /**
     * The labelled pair of a preference.
     *
     * @param event the event
     * @return the pair, or null for a tie (it carries no order and is not trained on)
     */
    static PreferencePair pairOf(PreferenceRecorded event) {
        if (event.getTie()) {
            return null;
        }
        String objective = event.getObjective() == null ? null : event.getObjective().toString();
        return new PreferencePair(
                event.getPrompt().toString(),
                event.getChosen().getText().toString(),
                event.getRejected().getText().toString(),
                objective,
                null);
    }

    /**
     * Adds a rating, each objective rescaled to [0, 1] by its declared scale.
     *
     * @param event the event
     * @param timestamp the record timestamp
     * @param topicPartition where it came from
     * @param offset its offset
     */
    public synchronized void addRating(
            RatingRecorded event, long timestamp, String topicPartition, long offset) {
        consumed(topicPartition, offset);
        Map<String, Double> values = new LinkedHashMap<>();
        event.getRatings()
                .forEach(
                        score -> {
                            double range = score.getScaleMax() - score.getScaleMin();
                            values.put(
                                    score.getObjective().toString(),
                                    range > 0
                                            ? (score.getValue() - score.getScaleMin()) / range
                                            : 0.5);
                        });
        ratings.add(
                new Labelled<>(
                        new RatedExample(
                                event.getPrompt().toString(),
                                event.getResponse().getText().toString(),
                                values),
                        timestamp,
                        topicPartition,
                        offset));
    }

    /**
     * Adds a policy response; only the newest {@value #ROUNDS_KEPT} rounds are kept.
     *
     * @param event the event
     * @param topicPartition where it came from
     * @param offset its offset
     */
    public synchronized void addResponse(
            ResponseGenerated event, String topicPartition, long offset) {
        consumed(topicPartition, offset);
        long round = event.getRlhfRound();
        if (!responsesByRound.isEmpty()
                && responsesByRound.size() >= ROUNDS_KEPT
                && round < responsesByRound.firstKey()) {
            return;
        }
        int count = responseCounts.getOrDefault(round, 0);
        if (count >= RESPONSES_PER_ROUND) {
            return;
        }
        responseCounts.put(round, count + 1);
        responsesByRound
                .computeIfAbsent(round, r -> new LinkedHashMap<>())
                .computeIfAbsent(event.getPromptId().toString(), p -> new ArrayList<>())
                .add(new String[] {event.getPrompt().toString(), event.getResponse().toString()});
        while (responsesByRound.size() > ROUNDS_KEPT) {
            responseCounts.remove(responsesByRound.pollFirstEntry().getKey());
        }
    }

    /**
     * Labelled pairs read so far.
     *
     * @return the count
     */
    public synchronized int pairCount() {
        return pairs.size();
    }

    /**
     * Ratings read so far.
     *
     * @return the count
     */
    public synchronized int ratingCount() {
        return ratings.size();
    }

    /**
     * Copies what a round needs: pairs and ratings ordered by time (then partition and offset), the
     * newest policy round's prompts with two or more responses.
     *
     * @return the snapshot
     */
    public synchronized Snapshot snapshot() {
        Comparator<Labelled<?>> byArrival =
                Comparator.<Labelled<?>>comparingLong(Labelled::timestamp)
                        .thenComparing(Labelled::topicPartition)
                        .thenComparingLong(Labelled::offset);
        List<Labelled<PreferencePair>> orderedPairs = new ArrayList<>(pairs);
        orderedPairs.sort(byArrival);
        List<Labelled<RatedExample>> orderedRatings = new ArrayList<>(ratings);
        orderedRatings.sort(byArrival);
        List<PolicyGroup> groups = new ArrayList<>();
        long round = -1;
        if (!responsesByRound.isEmpty()) {
            round = responsesByRound.lastKey();
            responsesByRound
                    .lastEntry()
                    .getValue()
                    .values()
                    .forEach(
                            list -> {
                                if (list.size() >= 2) {
                                    groups.add(
                                            new PolicyGroup(
                                                    list.get(0)[0],
                                                    list.stream().map(r -> r[1]).toList()));
                                }
                            });
        }
        Map<String, long[]> copy = new TreeMap<>();
        offsets.forEach((k, v) -> copy.put(k, v.clone()));
        return new Snapshot(orderedPairs, orderedRatings, groups, round, copy);
    }

    private void consumed(String topicPartition, long offset) {
        long[] range = offsets.computeIfAbsent(topicPartition, k -> new long[] {offset, offset});
        range[0] = Math.min(range[0], offset);
        range[1] = Math.max(range[1], offset);
    }
}
