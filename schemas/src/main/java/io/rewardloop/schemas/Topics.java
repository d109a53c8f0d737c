package io.rewardloop.schemas;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every topic of the reward loop, as immutable constants. Each event topic names a dead-letter
 * topic ({@code <name>.dlq}) that keeps the original bytes of records that could not be processed.
 */
public final class Topics {

    /** Responses of the policy to score. Key: promptId. */
    public static final Topic<String, ResponseGenerated> RESPONSES =
            event("rlhf.responses", ResponseGenerated.class, 6, CleanupPolicy.DELETE);

    /** Multi-objective rewards of scored responses. Key: promptId. */
    public static final Topic<String, RewardScored> REWARDS =
            event("rlhf.rewards", RewardScored.class, 6, CleanupPolicy.DELETE);

    /** Validated pairwise human feedback. Key: feedbackId. */
    public static final Topic<String, PreferenceRecorded> PREFERENCES =
            event("rlhf.preferences", PreferenceRecorded.class, 3, CleanupPolicy.DELETE);

    /** Validated absolute ratings. Key: feedbackId. */
    public static final Topic<String, RatingRecorded> RATINGS =
            event("rlhf.ratings", RatingRecorded.class, 3, CleanupPolicy.DELETE);

    /**
     * The {@code max.message.bytes} of {@link #MODELS}: 16 MiB, room for an inline artifact of a
     * few MB. Producers to the topic set {@code max.request.size}, and its consumers {@code
     * max.partition.fetch.bytes}, to this value.
     */
    public static final int MODELS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /**
     * Published reward-model versions, compacted, records up to {@link #MODELS_MAX_MESSAGE_BYTES}.
     * Key: the model lineage name.
     */
    public static final Topic<String, ModelPublished> MODELS =
            event("rlhf.models", ModelPublished.class, 1, CleanupPolicy.COMPACT)
                    .withMaxMessageBytes(MODELS_MAX_MESSAGE_BYTES);

    /** Drift alarms and retrain requests. Key: the model lineage name. */
    public static final Topic<String, ControlEvent> CONTROL =
            event("rlhf.control", ControlEvent.class, 1, CleanupPolicy.DELETE);

    /** Raw JSON feedback for the ingest service to validate. Key: any string, e.g. feedbackId. */
    public static final Topic<String, byte[]> FEEDBACK =
            event("rlhf.feedback", byte[].class, 3, CleanupPolicy.DELETE);

    /** Dead letters of {@link #RESPONSES}. */
    public static final Topic<byte[], byte[]> RESPONSES_DLQ = deadLetters(RESPONSES);

    /** Dead letters of {@link #REWARDS}. */
    public static final Topic<byte[], byte[]> REWARDS_DLQ = deadLetters(REWARDS);

    /** Dead letters of {@link #PREFERENCES}. */
    public static final Topic<byte[], byte[]> PREFERENCES_DLQ = deadLetters(PREFERENCES);

    /** Dead letters of {@link #RATINGS}. */
    public static final Topic<byte[], byte[]> RATINGS_DLQ = deadLetters(RATINGS);

    /** Dead letters of {@link #MODELS}. */
    public static final Topic<byte[], byte[]> MODELS_DLQ = deadLetters(MODELS);

    /** Dead letters of {@link #CONTROL}. */
    public static final Topic<byte[], byte[]> CONTROL_DLQ = deadLetters(CONTROL);

    /** Dead letters of {@link #FEEDBACK}: feedback that failed validation. */
    public static final Topic<byte[], byte[]> FEEDBACK_DLQ = deadLetters(FEEDBACK);

    private static final List<Topic<?, ?>> ALL =
            List.of(
                    RESPONSES,
                    REWARDS,
                    PREFERENCES,
                    RATINGS,
                    MODELS,
                    CONTROL,
                    FEEDBACK,
                    RESPONSES_DLQ,
                    REWARDS_DLQ,
                    PREFERENCES_DLQ,
                    RATINGS_DLQ,
                    MODELS_DLQ,
                    CONTROL_DLQ,
                    FEEDBACK_DLQ);

    private static final Map<String, Topic<?, ?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Topic::name, Function.identity()));

    private Topics() {}

    /**
     * Every topic, event topics first, then their dead-letter topics.
     *
     * @return an immutable list
     */
    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    /**
     * The topic with this name.
     *
     * @param name a topic name, e.g. {@code rlhf.models}
     * @return the topic, or empty when the name is not one of ours
     */
    public static Optional<Topic<?, ?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static <V> Topic<String, V> event(
            String name, Class<V> valueType, int partitions, CleanupPolicy policy) {
        return new Topic<>(
                name, String.class, valueType, partitions, policy, Optional.of(name + ".dlq"));
    }

    private static Topic<byte[], byte[]> deadLetters(Topic<?, ?> source) {
        return new Topic<>(
                source.deadLetterTopic().orElseThrow(),
                byte[].class,
                byte[].class,
                1,
                CleanupPolicy.DELETE,
                Optional.empty());
    }
}
