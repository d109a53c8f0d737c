package io.rewardloop.schemas;

import io.rewardloop.events.ChatMessage;
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
import io.rewardloop.events.Truncation;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One realistic instance of every event type, keyed as on its topic: for tests, examples and the
 * launcher's smoke check. Adding an event type means adding its sample here.
 */
public final class SampleEvents {

    /** The creation time used by every sample (millisecond precision, as Avro keeps it). */
    public static final Instant CREATED_AT = Instant.parse("2025-06-01T12:00:00.123Z");

    private static final String PROMPT = "Explain why the sky is blue in two sentences.";

    /**
     * An event with the key it carries on its topic.
     *
     * @param topic the topic it belongs on
     * @param key its record key
     * @param value the event
     * @param <V> the event type
     */
    public record Sample<V extends SpecificRecord>(Topic<String, V> topic, String key, V value) {}

    private SampleEvents() {}

    /**
     * A sample of every event type on its topic; {@code rlhf.control} has both payloads.
     *
     * @return seven samples
     */
    public static List<Sample<?>> all() {
        return List.of(
                new Sample<>(Topics.RESPONSES, "prompt-0042", responseGenerated()),
                new Sample<>(Topics.REWARDS, "prompt-0042", rewardScored()),
                new Sample<>(Topics.PREFERENCES, "fb-7f3a", preferenceRecorded()),
                new Sample<>(Topics.RATINGS, "fb-9c21", ratingRecorded()),
                new Sample<>(Topics.MODELS, "armo-minilm", modelPublished()),
                new Sample<>(Topics.CONTROL, "armo-minilm", driftDetected()),
                new Sample<>(Topics.CONTROL, "armo-minilm", retrainRequested()));
    }

    /**
     * A chat response with metadata.
     *
     * @return the event
     */
    public static ResponseGenerated responseGenerated() {
        return ResponseGenerated.newBuilder()
                .setResponseId("resp-0042-1")
                .setPromptId("prompt-0042")
                .setPrompt(PROMPT)
                .setMessages(
                        List.of(
                                new ChatMessage("system", "You are a concise science tutor."),
                                new ChatMessage("user", PROMPT)))
                .setResponse(
                        "Sunlight scatters off air molecules, and blue light scatters most"
                                + " (Rayleigh scattering). So blue reaches our eyes from all"
                                + " directions — the sky looks blue. ☀️")
                .setPolicyVersion("llama-3-8b-ppo-r3")
                .setRlhfRound(3)
                .setCreatedAt(CREATED_AT)
                .setMetadata(Map.of("temperature", "0.7", "top_p", "0.95"))
                .build();
    }

    /**
     * A three-objective score.
     *
     * @return the event
     */
    public static RewardScored rewardScored() {
        return RewardScored.newBuilder()
                .setResponseId("resp-0042-1")
                .setPromptId("prompt-0042")
                .setPolicyVersion("llama-3-8b-ppo-r3")
                .setRlhfRound(3)
                .setModelVersion("v0007")
                .setObjectives(
                        List.of(
                                new ObjectiveReward("helpfulness", 0.82, 0.74, 0.55),
                                new ObjectiveReward("correctness", 0.91, 0.91, 0.30),
                                new ObjectiveReward("verbosity", -0.12, -0.12, 0.15)))
                .setScore(0.55 * 0.74 + 0.30 * 0.91 + 0.15 * -0.12)
                .setTruncation(Truncation.NONE)
                .setScoringLatencyMs(18.4)
                .setScoredAt(CREATED_AT.plusMillis(25))
                .build();
    }

    /**
     * A pairwise preference with a strength.
     *
     * @return the event
     */
    public static PreferenceRecorded preferenceRecorded() {
        return PreferenceRecorded.newBuilder()
                .setFeedbackId("fb-7f3a")
                .setPromptId("prompt-0042")
                .setPrompt(PROMPT)
                .setChosen(new RatedResponse("Rayleigh scattering favours blue light.", "r-1"))
                .setRejected(new RatedResponse("Because the ocean reflects onto it.", null))
                .setStrength(PreferenceStrength.SIGNIFICANTLY_BETTER)
                .setTie(false)
                .setObjective("correctness")
                .setAnnotatorId("annotator-17")
                .setSource("http")
                .setCreatedAt(CREATED_AT)
                .build();
    }

    /**
     * Ratings on two objectives with their scales.
     *
     * @return the event
     */
    public static RatingRecorded ratingRecorded() {
        return RatingRecorded.newBuilder()
                .setFeedbackId("fb-9c21")
                .setPromptId(null)
                .setPrompt(PROMPT)
                .setResponse(new RatedResponse("Rayleigh scattering favours blue light.", "r-1"))
                .setRatings(
                        List.of(
                                new ObjectiveRating("helpfulness", 4.0, 1.0, 5.0),
                                new ObjectiveRating("harmlessness", 9.5, 0.0, 10.0)))
                .setAnnotatorId("annotator-3")
                .setSource("import:ratings-2025-06.jsonl")
                .setCreatedAt(CREATED_AT)
                .build();
    }

    /**
     * A model version with its heads inline.
     *
     * @return the event
     */
    public static ModelPublished modelPublished() {
        byte[] heads = new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 3, (byte) 0xff};
        return ModelPublished.newBuilder()
                .setVersion("v0007")
                .setParentVersion("v0006")
                .setBackboneId("all-MiniLM-L6-v2")
                .setObjectives(List.of("helpfulness", "correctness", "verbosity"))
                .setArtifact(ByteBuffer.wrap(heads))
                .setArtifactUri(null)
                .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setSizeBytes(heads.length)
                .setMetrics(Map.of("heldout.accuracy", 0.713, "heldout.size", 512.0))
                .setTrigger(RetrainTrigger.DRIFT)
                .setCreatedAt(CREATED_AT)
                .build();
    }

    /**
     * A KS drift alarm.
     *
     * @return the event
     */
    public static ControlEvent driftDetected() {
        DriftDetected drift =
                DriftDetected.newBuilder()
                        .setModelVersion("v0007")
                        .setDetector(DriftDetector.REWARD_KS)
                        .setObjective("helpfulness")
                        .setStatistic(0.21)
                        .setPValue(0.0004)
                        .setThreshold(0.01)
                        .setReferenceSize(2000)
                        .setLiveSize(850)
                        .setWindowStart(CREATED_AT.minusSeconds(3600))
                        .setWindowEnd(CREATED_AT)
                        .build();
        return new ControlEvent("ctl-0001", CREATED_AT, drift);
    }

    /**
     * A manual retrain request.
     *
     * @return the event
     */
    public static ControlEvent retrainRequested() {
        RetrainRequested request =
                new RetrainRequested(
                        RetrainTrigger.MANUAL, "new annotation batch", "alice", "v0007");
        return new ControlEvent("ctl-0002", CREATED_AT, request);
    }
}
