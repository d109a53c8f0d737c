package io.rewardloop.retrainer;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.RetrainRequested;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.events.RoundFinished;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Builds the events the retrainer writes on {@code rlhf.control}. */
public final class ControlEvents {

    private ControlEvents() {}

    /**
     * A request for a round.
     *
     * @param trigger why
     * @param reason in words
     * @param requestedBy who or what asks
     * @param baseVersion the live version it was asked against, or null
     * @return the event
     */
    public static ControlEvent retrainRequested(
            RetrainTrigger trigger, String reason, String requestedBy, String baseVersion) {
        return wrap(
                RetrainRequested.newBuilder()
                        .setTrigger(trigger)
                        .setReason(reason)
                        .setRequestedBy(requestedBy)
                        .setBaseModelVersion(baseVersion)
                        .build());
    }

    /**
     * A round's outcome.
     *
     * @param request the request it answered
     * @param result what it produced
     * @return the event
     */
    public static ControlEvent roundFinished(RoundRequest request, RoundResult result) {
        return wrap(
                RoundFinished.newBuilder()
                        .setRequestId(request.eventId())
                        .setOutcome(result.outcome())
                        .setReason(result.reason())
                        .setCandidateVersion(result.candidateVersion())
                        .setParentVersion(result.parentVersion())
                        .setTrigger(request.trigger())
                        .setMetrics(Map.copyOf(result.metrics()))
                        .build());
    }

    /**
     * Wraps a payload with a fresh id and the time.
     *
     * @param payload a DriftDetected, RetrainRequested or RoundFinished
     * @return the event
     */
    public static ControlEvent wrap(Object payload) {
        return ControlEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setCreatedAt(Instant.now())
                .setPayload(payload)
                .build();
    }
}
