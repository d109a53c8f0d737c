package io.rewardloop.status;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.DriftDetector;
import io.rewardloop.events.ObjectiveReward;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.events.RewardScored;
import io.rewardloop.events.RoundFinished;
import io.rewardloop.events.RoundOutcome;
import io.rewardloop.events.Truncation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Events as the scorer and the retrainer write them, for the tests. */
final class Events {

    static final List<String> OBJECTIVES = List.of("helpfulness", "harmlessness");

    private Events() {}

    /** A reward with two objectives; the gate puts {@code gate} on the first. */
    static RewardScored reward(
            String id, String version, double first, double second, double gate) {
        List<ObjectiveReward> objectives = new ArrayList<>();
        objectives.add(objective(OBJECTIVES.get(0), first, gate));
        objectives.add(objective(OBJECTIVES.get(1), second, 1 - gate));
        return RewardScored.newBuilder()
                .setResponseId(id)
                .setPromptId("p-" + id)
                .setPolicyVersion("policy-1")
                .setRlhfRound(1)
                .setModelVersion(version)
                .setObjectives(objectives)
                .setScore(gate * first + (1 - gate) * second)
                .setTruncation(Truncation.NONE)
                .setScoringLatencyMs(3.0)
                .setScoredAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();
    }

    static ControlEvent drift(String version, String objective, double p, long windowEnd) {
        return control(
                DriftDetected.newBuilder()
                        .setModelVersion(version)
                        .setDetector(DriftDetector.REWARD_KS)
                        .setObjective(objective)
                        .setStatistic(0.31)
                        .setPValue(p)
                        .setThreshold(0.2)
                        .setReferenceSize(1000)
                        .setLiveSize(500)
                        .setWindowStart(Instant.ofEpochMilli(windowEnd - 60_000))
                        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                        .build());
    }

    static ControlEvent round(String candidate, RoundOutcome outcome, String reason) {
        return control(
                RoundFinished.newBuilder()
                        .setRequestId("req-" + candidate)
                        .setOutcome(outcome)
                        .setReason(reason)
                        .setCandidateVersion(candidate)
                        .setParentVersion("v1")
                        .setTrigger(RetrainTrigger.DRIFT)
                        .setMetrics(
                                Map.of(
                                        "candidate.heldout.accuracy", 0.71,
                                        "live.heldout.accuracy", 0.64,
                                        "broken", Double.NaN))
                        .build());
    }

    private static ControlEvent control(Object payload) {
        return ControlEvent.newBuilder()
                .setEventId("e-" + payload.hashCode())
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setPayload(payload)
                .build();
    }

    private static ObjectiveReward objective(String name, double reward, double gate) {
        return ObjectiveReward.newBuilder()
                .setObjective(name)
                .setReward(reward)
                .setDebiasedReward(reward)
                .setGatingWeight(gate)
                .build();
    }
}
