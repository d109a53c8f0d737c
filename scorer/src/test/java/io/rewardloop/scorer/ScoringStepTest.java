package io.rewardloop.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.ChatMessage;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import io.rewardloop.events.Truncation;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.schemas.serde.DecodeFailure;
import io.rewardloop.schemas.serde.EventDecodingException;
import io.rewardloop.schemas.serde.RecordDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class ScoringStepTest {

    private static final Map<String, String> SERDE = Map.of("schema.registry.url", "embedded");
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final Serializer<ResponseGenerated> responses =
            Topics.RESPONSES.valueSerde(SERDE).serializer();
    private final Deserializer<RewardScored> rewards =
            Topics.REWARDS.valueSerde(SERDE).deserializer();
    private long offset;

    private ScoringStep step(String... env) {
        Map<String, String> environment = new java.util.HashMap<>();
        for (int i = 0; i < env.length; i += 2) {
            environment.put(env[i], env[i + 1]);
        }
        ScorerConfig config = ScorerConfig.from(ConfigSource.of(environment, Map.of()));
        RecordDecoder<ResponseGenerated> decoder = RecordDecoder.forValues(Topics.RESPONSES, SERDE);
        return new ScoringStep(
                config,
                decoder::decode,
                Topics.REWARDS.valueSerde(SERDE).serializer(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void shouldScoreEveryResponseWithObjectiveNamesAndModelVersion() {
        StubScorer model = new StubScorer("v0003");

        ScoringStep.StepOutput out =
                step().apply(
                                List.of(
                                        receivedAgo(response("r1", "p1", "abcd"), 40),
                                        received(response("r2", "p1", "xy"))),
                                model);

        assertThat(out.deadLetters()).isEmpty();
        assertThat(model.batchSizes).containsExactly(2);
        RewardScored first = decode(out.scored().get(0).record());
        assertThat(first.getResponseId()).isEqualTo("r1");
        assertThat(first.getModelVersion()).isEqualTo("v0003");
        assertThat(first.getScore()).isEqualTo(0.75 * 3);
        assertThat(first.getObjectives()).hasSize(2);
        assertThat(first.getObjectives().get(0).getObjective()).isEqualTo("helpfulness");
        assertThat(first.getObjectives().get(0).getReward()).isEqualTo(4);
        assertThat(first.getObjectives().get(0).getDebiasedReward()).isEqualTo(3);
        assertThat(first.getObjectives().get(1).getGatingWeight()).isEqualTo(0.25);
        assertThat(first.getScoredAt()).isEqualTo(NOW);
        assertThat(first.getScoringLatencyMs())
                .as("from receipt, 40 ms before the step ran, to scoring")
                .isGreaterThanOrEqualTo(40.0)
                .isLessThan(60_000.0);
        assertThat(first.getTruncation()).isEqualTo(Truncation.NONE);
        assertThat(new String(out.scored().get(0).record().key(), StandardCharsets.UTF_8))
                .isEqualTo("p1");
        assertThat(out.scored().get(0).record().topic()).isEqualTo("rlhf.rewards");
    }

    @Test
    void shouldRouteUndecodableAndInvalidRecordsToTheDeadLetterTopicWithTheReason() {
        ConsumerRecord<byte[], byte[]> garbage = raw(new byte[] {0x7f, 1, 2, 3});
        List<ScoringStep.ReceivedRecord> batch =
                List.of(
                        new ScoringStep.ReceivedRecord(garbage, System.nanoTime()),
                        received(response("", "p1", "text")),
                        received(response("r3", "p1", "   ")),
                        received(response("r4", "p1", "fine")));

        ScoringStep.StepOutput out = step().apply(batch, new StubScorer("v1"));

        assertThat(out.scored()).extracting(s -> s.event().getResponseId()).containsExactly("r4");
        assertThat(out.deadLetters()).hasSize(3);
        assertThat(out.deadLetters())
                .allSatisfy(d -> assertThat(d.topic()).isEqualTo("rlhf.responses.dlq"));
        assertThat(reason(out.deadLetters().get(0))).startsWith("undecodable: ");
        assertThat(reason(out.deadLetters().get(1)))
                .isEqualTo("missing field: responseId is empty");
        assertThat(reason(out.deadLetters().get(2))).isEqualTo("empty response");
        ProducerRecord<byte[], byte[]> first = out.deadLetters().get(0);
        assertThat(first.value()).isEqualTo(garbage.value());
        assertThat(header(first, DeadLetters.SOURCE_TOPIC)).isEqualTo("rlhf.responses");
        assertThat(header(first, DeadLetters.SOURCE_OFFSET))
                .isEqualTo(Long.toString(garbage.offset()));
    }

    @Test
    void shouldCommitWithoutScoringAResponseTheHttpPathRecordedWithItsReward() {
        ScoringStep.ReceivedRecord recorded = received(response("r1", "p1", "abcd"));
        recorded.record()
                .headers()
                .add(ScoringStep.SCORED_OVER_HTTP, "true".getBytes(StandardCharsets.UTF_8));
        StubScorer model = new StubScorer("v1");

        ScoringStep.StepOutput out =
                step().apply(List.of(recorded, received(response("r2", "p1", "xy"))), model);

        assertThat(out.scored()).extracting(s -> s.event().getResponseId()).containsExactly("r2");
        assertThat(out.deadLetters()).isEmpty();
        assertThat(model.batchSizes).containsExactly(1);
    }

    @Test
    void shouldTruncateOversizedTextByDefaultAndSaySo() {
        String longResponse = "x".repeat(50);

        ScoringStep.StepOutput out =
                step("SCORER_TEXT_MAX_CHARS", "20")
                        .apply(
                                List.of(received(response("r1", "p1", longResponse))),
                                new StubScorer("v1"));

        RewardScored scored = decode(out.scored().get(0).record());
        assertThat(scored.getTruncation()).isEqualTo(Truncation.RESPONSE);
        assertThat(scored.getObjectives().get(0).getReward()).isEqualTo(20);
    }

    @Test
    void shouldRejectOversizedTextWhenConfigured() {
        ScoringStep.StepOutput out =
                step("SCORER_TEXT_MAX_CHARS", "20", "SCORER_OVERSIZED_POLICY", "REJECT")
                        .apply(
                                List.of(received(response("r1", "p1", "y".repeat(21)))),
                                new StubScorer("v1"));

        assertThat(out.scored()).isEmpty();
        assertThat(reason(out.deadLetters().get(0)))
                .isEqualTo("oversized response (21 chars > scorer.text.max.chars=20)");
    }

    @Test
    void shouldIsolateARecordTheModelFailsOnAndScoreTheRest() {
        StubScorer model = new StubScorer("v1", "poison");

        ScoringStep.StepOutput out =
                step().apply(
                                List.of(
                                        received(response("r1", "p", "ok")),
                                        received(response("r2", "p", "poison")),
                                        received(response("r3", "p", "fine"))),
                                model);

        assertThat(out.scored())
                .extracting(s -> s.event().getResponseId())
                .containsExactly("r1", "r3");
        assertThat(reason(out.deadLetters().get(0))).isEqualTo("scoring failed with model v1");
        assertThat(header(out.deadLetters().get(0), DeadLetters.ERROR_MESSAGE))
                .contains("model failed on poison");
    }

    @Test
    void shouldLeaveABatchWhoseRecordTheRegistryCouldNotResolveToBeRetried() {
        ScoringStep flaky =
                new ScoringStep(
                        ScorerConfig.from(ConfigSource.of(Map.of(), Map.of())),
                        record -> {
                            throw new EventDecodingException(
                                    record.topic(),
                                    DecodeFailure.SCHEMA_REGISTRY_UNAVAILABLE,
                                    "Schema Registry unavailable while resolving schema id 3",
                                    null);
                        },
                        Topics.REWARDS.valueSerde(SERDE).serializer(),
                        Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(
                        () ->
                                flaky.apply(
                                        List.of(received(response("r1", "p1", "text"))),
                                        new StubScorer("v1")))
                .isInstanceOf(TransientScoringException.class)
                .hasMessageContaining("rlhf.responses-2@0");
    }

    @Test
    void shouldDeadLetterARecordWhoseDecodingRunsOutOfMemoryAndScoreTheRest() {
        RecordDecoder<ResponseGenerated> decoder = RecordDecoder.forValues(Topics.RESPONSES, SERDE);
        ScoringStep step =
                new ScoringStep(
                        ScorerConfig.from(ConfigSource.of(Map.of(), Map.of())),
                        record -> {
                            if (record.offset() == 0) {
                                throw new OutOfMemoryError("Java heap space");
                            }
                            return decoder.decode(record);
                        },
                        Topics.REWARDS.valueSerde(SERDE).serializer(),
                        Clock.fixed(NOW, ZoneOffset.UTC));

        ScoringStep.StepOutput out =
                step.apply(
                        List.of(
                                received(response("bomb", "p1", "x")),
                                received(response("r2", "p1", "fine"))),
                        new StubScorer("v1"));

        assertThat(out.scored()).extracting(s -> s.event().getResponseId()).containsExactly("r2");
        assertThat(reason(out.deadLetters().get(0)))
                .startsWith("undecodable: OutOfMemoryError while decoding rlhf.responses-2@0");
        assertThat(header(out.deadLetters().get(0), DeadLetters.ERROR_CLASS))
                .isEqualTo("java.lang.OutOfMemoryError");
    }

    @Test
    void shouldRenderChatTurnsWhenThePromptCameAsTurns() {
        ResponseGenerated chat = response("r1", "p1", "sure");
        chat.setPrompt("");
        chat.setMessages(List.of(new ChatMessage("user", "hello")));

        assertThat(ResponseCheck.promptText(chat)).isEqualTo("\n\nUser: hello\n\nAssistant:");
        assertThat(step().apply(List.of(received(chat)), new StubScorer("v1")).scored()).hasSize(1);
    }

    private ScoringStep.ReceivedRecord receivedAgo(ResponseGenerated response, long millis) {
        byte[] value = responses.serialize("rlhf.responses", response);
        return new ScoringStep.ReceivedRecord(raw(value), System.nanoTime() - millis * 1_000_000);
    }

    private ScoringStep.ReceivedRecord received(ResponseGenerated response) {
        byte[] value = responses.serialize("rlhf.responses", response);
        return new ScoringStep.ReceivedRecord(raw(value), System.nanoTime());
    }

    private ConsumerRecord<byte[], byte[]> raw(byte[] value) {
        return new ConsumerRecord<>(
                "rlhf.responses", 2, offset++, "p1".getBytes(StandardCharsets.UTF_8), value);
    }

    private static ResponseGenerated response(String id, String promptId, String text) {
        return ResponseGenerated.newBuilder()
                .setResponseId(id)
                .setPromptId(promptId)
                .setPrompt("What is RLHF?")
                .setResponse(text)
                .setPolicyVersion("policy-1")
                .setRlhfRound(4)
                .setCreatedAt(NOW)
                .setMetadata(new java.util.HashMap<>())
                .setMessages(new ArrayList<>())
                .build();
    }

    private RewardScored decode(ProducerRecord<byte[], byte[]> record) {
        return rewards.deserialize(record.topic(), record.value());
    }

    private static String reason(ProducerRecord<byte[], byte[]> record) {
        return header(record, DeadLetters.REASON);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
