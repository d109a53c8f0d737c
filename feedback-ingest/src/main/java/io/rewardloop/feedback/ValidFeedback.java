package io.rewardloop.feedback;

import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * A feedback item that passed {@link FeedbackValidator}: its event, its id, its content hash and
 * its canonical JSON (what the HTTP API writes to {@code rlhf.feedback}).
 */
public sealed interface ValidFeedback
        permits ValidFeedback.ValidPreference, ValidFeedback.ValidRating {

    /**
     * The kind.
     *
     * @return preference or rating
     */
    Kind kind();

    /**
     * The feedback id: the client's, else derived (see {@link FeedbackJson#deriveFeedbackId}).
     *
     * @return the id, the key of the item's records
     */
    String feedbackId();

    /**
     * SHA-256 (lower-case hex) of the canonical content, which leaves out the feedback id, the
     * source and the time: the same id with another hash is a conflict.
     *
     * @return 64 hex characters
     */
    String contentHash();

    /**
     * The canonical JSON of the item with {@code kind} and {@code feedbackId} filled in: valid
     * input again, giving the same id and hash.
     *
     * @return compact JSON, keys in a fixed order
     */
    String canonicalJson();

    /**
     * The event for {@code rlhf.preferences} or {@code rlhf.ratings}.
     *
     * @return a {@link PreferenceRecorded} or {@link RatingRecorded}
     */
    SpecificRecord event();

    /**
     * The canonical JSON as UTF-8, the value written to {@code rlhf.feedback}.
     *
     * @return the bytes
     */
    default byte[] canonicalBytes() {
        return canonicalJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A valid pairwise preference.
     *
     * @param event the event, key {@code feedbackId}
     * @param contentHash see {@link ValidFeedback#contentHash()}
     * @param canonicalJson see {@link ValidFeedback#canonicalJson()}
     */
    record ValidPreference(PreferenceRecorded event, String contentHash, String canonicalJson)
            implements ValidFeedback {

        /** Checks the parts are present. */
        public ValidPreference {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(contentHash, "contentHash");
            Objects.requireNonNull(canonicalJson, "canonicalJson");
        }

        @Override
        public Kind kind() {
            return Kind.PREFERENCE;
        }

        @Override
        public String feedbackId() {
            return event.getFeedbackId();
        }
    }

    /**
     * A valid absolute rating.
     *
     * @param event the event, key {@code feedbackId}
     * @param contentHash see {@link ValidFeedback#contentHash()}
     * @param canonicalJson see {@link ValidFeedback#canonicalJson()}
     */
    record ValidRating(RatingRecorded event, String contentHash, String canonicalJson)
            implements ValidFeedback {

        /** Checks the parts are present. */
        public ValidRating {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(contentHash, "contentHash");
            Objects.requireNonNull(canonicalJson, "canonicalJson");
        }

        @Override
        public Kind kind() {
            return Kind.RATING;
        }

        @Override
        public String feedbackId() {
            return event.getFeedbackId();
        }
    }
}
