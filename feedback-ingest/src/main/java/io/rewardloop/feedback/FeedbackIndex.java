package io.rewardloop.feedback;

import java.util.Optional;

/**
 * What the ingest already recorded, by feedback id: the HTTP API asks it to answer a retry with
 * {@code duplicate} (same content) or {@code 409} (other content) before producing again. The
 * authoritative de-duplication is the Streams dedup store (its changelog lives in Kafka); this
 * index is a read view of it and may lag by the time a record takes through the topology, so an
 * immediate retry may be answered {@code accepted} again: the topology still drops the second
 * record, so it never becomes a second event.
 */
public interface FeedbackIndex {

    /** Knows nothing: every item is new to it. Used until the Streams-backed index is wired. */
    FeedbackIndex NONE = feedbackId -> Optional.empty();

    /**
     * The content hash recorded for a feedback id.
     *
     * @param feedbackId the id
     * @return the {@link ValidFeedback#contentHash()} of the recorded item, or empty when unknown
     */
    Optional<String> contentHash(String feedbackId);
}
