package io.rewardloop.feedback.streams;

import io.rewardloop.feedback.Kind;

/**
 * What the topology reports as it goes, for metrics. Called on stream threads: implementations are
 * thread-safe and quick. Under exactly-once a record can be processed again after an aborted
 * transaction, so counts are at-least-once, unlike the output topics.
 */
public interface FeedbackStreamListener {

    /** Reports nothing. */
    FeedbackStreamListener NONE = new FeedbackStreamListener() {};

    /**
     * A first-seen item became an event.
     *
     * @param kind its kind
     */
    default void recorded(Kind kind) {}

    /**
     * An item with an id already recorded with the same content was dropped.
     *
     * @param kind its kind
     */
    default void duplicate(Kind kind) {}

    /**
     * An item that named responses by id was completed from {@code rlhf.responses} (and {@link
     * #recorded} as well).
     *
     * @param kind its kind
     */
    default void completed(Kind kind) {}

    /**
     * A record went to the dead-letter topic.
     *
     * @param category {@code malformed}, {@code invalid}, {@code conflict} or {@code incomplete}
     */
    default void deadLettered(String category) {}
}
