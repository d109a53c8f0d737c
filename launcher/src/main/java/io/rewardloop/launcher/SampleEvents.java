package io.rewardloop.launcher;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.DriftDetector;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.ObjectiveRating;
import io.rewardloop.events.ObjectiveReward;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.PreferenceStrength;
import io.rewardloop.events.RatedResponse;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RetrainRequested;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.events.RewardScored;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * One valid sample of every event type, for the smoke test. A value type without a sample fails the
 * smoke test, so a new topic cannot go unchecked.
 */
final class SampleEvents {

    private SampleEvents() {}

    /**
     * Samples of a topic's value type; {@link ControlEvent} has one per payload type.
     *
     * @param type the value type
     * @param id a unique id to put into the samples
     * @param <V> the value type
     * @return at least one sample
     * @throws IllegalArgumentException when no sample exists for the type
     */
    static <V> List<V> of(Class<V> type, String id) {
        List<?> samples = samples(type, id);
        return samples.stream().map(type::cast).toList();
    }

    /**
     * A key of the given type.
     *
     * @param type {@code String} or {@code byte[]}
     * @param id the key text
     * @param <K> the key type
     * @return the key
     */
    static <K> K key(Class<K> type, String id) {
        if (type == String.class) {
            return type.cast(id);
        }
        if (type == byte[].class) {
            return type.cast(id.getBytes(StandardCharsets.UTF_8));
        }
        throw new IllegalArgumentException("No sample key of type " + type.getName());
    }

    private static List<?> samples(Class<?> type, String id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // timestamp-millis on the wire
        if (type == ResponseGenerated.class) {
            return List.of(response(id, now));
        } else if (type == RewardScored.class) {
            return List.of(reward(id, now));
        } else if (type == PreferenceRecorded.class) {
            return List.of(preference(id, now));
        } else if (type == RatingRecorded.class) {
            return List.of(rating(id, now));
        } else if (type == ModelPublished.class) {
            return List.of(model(id, now));
        } else if (type == ControlEvent.class) {
            return List.of(control(id, now, drift(now)), control(id, now, retrain()));
        } else if (type == byte[].class) {
            String json = "{\"feedbackId\":\"" + id + "\",\"type\":\"smoke\"}";
            return List.of(json.getBytes(StandardCharsets.UTF_8));
        }
        throw new IllegalArgumentException("No smoke-test sample for " + type.getName());
    }

    private static ResponseGenerated response(String id, Instant now) {
        return ResponseGenerated.newBuilder()
                .setResponseId(id)
                .setPromptId("prompt-" + id)
                .setPrompt("How do I boil an egg?")
                .setResponse("Simmer it for nine minutes, then cool it in cold water.")
                .setPolicyVersion("smoke")
                .setRlhfRound(0)
                .setCreatedAt(now)
                .setMetadata(Map.of("rlhf.smoke", "true"))
                .build();
    }

    private static RewardScored reward(String id, Instant now) {
        ObjectiveReward helpfulness =
                ObjectiveReward.newBuilder()
                        .setObjective("helpfulness")
                        .setReward(0.7)
                        .setDebiasedReward(0.6)
                        .setGatingWeight(1.0)
                        .build();
        return RewardScored.newBuilder()
                .setResponseId(id)
                .setPromptId("prompt-" + id)
                .setPolicyVersion("smoke")
                .setRlhfRound(0)
                .setModelVersion("v0000")
                .setObjectives(List.of(helpfulness))
                .setScore(0.6)
                .setScoringLatencyMs(1.5)
                .setScoredAt(now)
                .build();
    }

    private static PreferenceRecorded preference(String id, Instant now) {
        return PreferenceRecorded.newBuilder()
                .setFeedbackId(id)
                .setPrompt("How do I boil an egg?")
                .setChosen(RatedResponse.newBuilder().setText("Simmer it nine minutes.").build())
                .setRejected(RatedResponse.newBuilder().setText("Microwave it.").build())
                .setStrength(PreferenceStrength.BETTER)
                .setAnnotatorId("smoke")
                .setSource("smoke")
                .setCreatedAt(now)
                .build();
    }

    private static RatingRecorded rating(String id, Instant now) {
        ObjectiveRating rating =
                ObjectiveRating.newBuilder()
                        .setObjective("helpfulness")
                        .setValue(4)
                        .setScaleMin(1)
                        .setScaleMax(5)
                        .build();
        return RatingRecorded.newBuilder()
                .setFeedbackId(id)
                .setPrompt("How do I boil an egg?")
                .setResponse(RatedResponse.newBuilder().setText("Simmer it nine minutes.").build())
                .setRatings(List.of(rating))
                .setAnnotatorId("smoke")
                .setSource("smoke")
                .setCreatedAt(now)
                .build();
    }

    private static ModelPublished model(String id, Instant now) {
        byte[] artifact = id.getBytes(StandardCharsets.UTF_8);
        return ModelPublished.newBuilder()
                .setVersion("smoke-" + id)
                .setBackboneId("none")
                .setObjectives(List.of("helpfulness"))
                .setArtifact(ByteBuffer.wrap(artifact))
                .setSha256("0".repeat(64))
                .setSizeBytes(artifact.length)
                .setMetrics(Map.of("heldout.accuracy", 0.5))
                .setTrigger(RetrainTrigger.MANUAL)
                .setCreatedAt(now)
                .build();
    }

    private static ControlEvent control(String id, Instant now, Object payload) {
        return ControlEvent.newBuilder()
                .setEventId(id)
                .setCreatedAt(now)
                .setPayload(payload)
                .build();
    }

    private static DriftDetected drift(Instant now) {
        return DriftDetected.newBuilder()
                .setModelVersion("v0000")
                .setDetector(DriftDetector.REWARD_KS)
                .setStatistic(0.1)
                .setThreshold(0.2)
                .setReferenceSize(100)
                .setLiveSize(100)
                .setWindowStart(now.minus(1, ChronoUnit.HOURS))
                .setWindowEnd(now)
                .build();
    }

    private static RetrainRequested retrain() {
        return RetrainRequested.newBuilder()
                .setTrigger(RetrainTrigger.MANUAL)
                .setReason("smoke test")
                .setRequestedBy("rlhf up --smoke")
                .build();
    }
}
