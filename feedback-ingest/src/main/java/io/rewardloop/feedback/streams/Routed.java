package io.rewardloop.feedback.streams;

import io.rewardloop.feedback.ValidFeedback;
import org.apache.avro.specific.SpecificRecord;

/**
 * A record on its way through the topology: where it goes next and what it carries. Never
 * serialized: each branch turns it into bytes or an event before its sink.
 *
 * @param route where it goes
 * @param bytes the canonical JSON ({@link Route#VALID}, {@link Route#IN_PLACE}, {@link
 *     Route#PENDING}), a response's facts ({@link Route#RESPONSE}) or the dead letter's value
 *     ({@link Route#DEAD_LETTER}); null for events
 * @param event the event ({@link Route#PREFERENCE}, {@link Route#RATING}); null otherwise
 * @param feedback the validated item ({@link Route#IN_PLACE}); null otherwise
 */
record Routed(Route route, byte[] bytes, SpecificRecord event, ValidFeedback feedback) {

    /** Where a record goes next. */
    enum Route {
        /** Valid: to the repartition by feedback id, then de-duplication. */
        VALID,
        /**
         * Valid, and already keyed and partitioned by its feedback id: straight to de-duplication,
         * without the repartition or a second validation.
         */
        IN_PLACE,
        /** To {@code rlhf.feedback.dlq}. */
        DEAD_LETTER,
        /** A first-seen preference, to {@code rlhf.preferences}. */
        PREFERENCE,
        /** A first-seen rating, to {@code rlhf.ratings}. */
        RATING,
        /** A first-seen item that names responses by id only: to completion. */
        PENDING,
        /** A response from {@code rlhf.responses}, on its way to the completion's lookup. */
        RESPONSE;

        /** Where a valid item's event goes. */
        static Route of(ValidFeedback feedback) {
            return feedback instanceof ValidFeedback.ValidPreference ? PREFERENCE : RATING;
        }
    }

    static Routed valid(byte[] canonical) {
        return new Routed(Route.VALID, canonical, null, null);
    }

    static Routed inPlace(ValidFeedback feedback, byte[] canonical) {
        return new Routed(Route.IN_PLACE, canonical, null, feedback);
    }

    static Routed deadLetter(byte[] value) {
        return new Routed(Route.DEAD_LETTER, value, null, null);
    }

    static Routed pending(byte[] canonical) {
        return new Routed(Route.PENDING, canonical, null, null);
    }

    static Routed response(byte[] facts) {
        return new Routed(Route.RESPONSE, facts, null, null);
    }

    static Routed event(Route route, SpecificRecord event) {
        return new Routed(route, null, event, null);
    }

    boolean is(Route other) {
        return route == other;
    }
}
