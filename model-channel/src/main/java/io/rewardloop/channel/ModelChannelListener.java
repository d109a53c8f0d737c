package io.rewardloop.channel;

import io.rewardloop.events.ModelPublished;

/**
 * What a {@link ModelFollower} reports, so the service that runs it counts and logs in its own
 * metrics (the channel imports no metrics library).
 */
public interface ModelChannelListener {

    /** A listener that does nothing. */
    ModelChannelListener NONE = new ModelChannelListener() {};

    /**
     * A version became the live model.
     *
     * @param record its record
     */
    default void onLive(ModelPublished record) {}

    /**
     * A record was refused, or its model failed to load; the live model stays.
     *
     * @param version the record's version, or {@code ?} when it could not be decoded
     * @param reason why
     */
    default void onRejected(String version, String reason) {}
}
