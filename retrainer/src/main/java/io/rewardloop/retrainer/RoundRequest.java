package io.rewardloop.retrainer;

import io.rewardloop.events.RetrainTrigger;

/**
 * A request for a round, as read from {@code rlhf.control}.
 *
 * @param eventId the request's event id
 * @param offset its offset on {@code rlhf.control} (recorded in the version's lineage)
 * @param trigger why it was asked for
 * @param reason in words
 * @param requestedBy who asked
 */
public record RoundRequest(
        String eventId, long offset, RetrainTrigger trigger, String reason, String requestedBy) {}
