package io.rewardloop.scorer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.schemas.SampleEvents;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import io.rewardloop.service.testing.HostileInput;
import io.rewardloop.service.testing.HostileJson;
import io.rewardloop.service.testing.HostileRecords;
import io.rewardloop.service.testing.HttpFuzz;
import io.rewardloop.service.testing.MalformedSummary;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 500 malformed inputs on each of the scorer's surfaces, with good ones in between, through the
 * real broker, real HTTP and the real model: every malformed response lands in {@code
 * rlhf.responses.dlq}, every malformed model record is refused and counted, every malformed request
 * gets a 4xx; every good response is scored once, the good model goes live, every good request is
 * answered, and the scorer stays healthy.
 */
class ScorerMalformedInputIT {

    private static final int MALFORMED = 500;
    private static final int GOOD_EVERY = 10;
    private static final long SEED = 12;
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private static ScorerFixture fixture;
    private static ArtifactModelLoader loader;
    private static ScorerService scorer;

    @BeforeAll
    static void start() throws Exception {
        ScorerFixture.trainModel();
        loader = new ArtifactModelLoader(BackboneCatalog.DEFAULT_BATCH_TOKENS);
        fixture = new ScorerFixture();
        fixture.publishModel("v0001");
        scorer =
                ScorerService.start(
                        ScorerConfig.from(
                                ConfigSource.of(
                                        Map.of(),
                                        Map.of(
                                                "bootstrap.servers", fixture.bootstrap(),
                                                "scorer.instance.id", "malformed",
                                                "scorer.group.id", "malformed",
                                                "scorer.http.port", "0",
                                                "scorer.http.bind", "127.0.0.1",
                                                "scorer.http.max.body.bytes",
                                                        String.valueOf(MAX_BODY_BYTES)))),
                        loader);
        await().atMost(Duration.ofSeconds(120)).until(() -> scorer.health().up());
    }

    @AfterAll
    static void stop() {
        if (scorer != null) {
            scorer.close();
        }
        loader.close();
        fixture.close();
    }

    @Test
    void shouldDeadLetterEveryMalformedResponseAndScoreEveryGoodOne() throws Exception {
        byte[] goodSample = responseBytes(ScorerFixture.response("sample", 0, "p"));
        byte[] foreign =
                Topics.RATINGS
                        .valueSerde(ScorerFixture.SERDE)
                        .serializer()
                        .serialize(Topics.RATINGS.name(), SampleEvents.ratingRecorded());
        List<HostileInput> inputs =
                new HostileRecords(SEED)
                        .values(ResponseGenerated.getClassSchema(), goodSample, foreign, MALFORMED);
        List<Future<RecordMetadata>> bad = new ArrayList<>();
        int good = 0;
        try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
            for (int i = 0; i < inputs.size(); i++) {
                String key = "fuzz-prompt-" + (i % 17);
                bad.add(send(raw, Topics.RESPONSES.name(), key, inputs.get(i).bytes()));
                if (i % GOOD_EVERY == GOOD_EVERY - 1) {
                    send(
                            raw,
                            Topics.RESPONSES.name(),
                            key,
                            responseBytes(ScorerFixture.response("fuzz", good++, key)));
                }
            }
            raw.flush();
        }
        List<String> badSources = new ArrayList<>();
        for (Future<RecordMetadata> sent : bad) {
            RecordMetadata m = sent.get();
            badSources.add(m.partition() + "@" + m.offset());
        }

        fixture.awaitCaughtUp("malformed", Duration.ofSeconds(120));

        List<String> scored =
                fixture.readToEnd(Topics.REWARDS.name(), true).stream()
                        .map(ScorerFixture::responseId)
                        .filter(id -> id.startsWith("fuzz-"))
                        .collect(Collectors.toList());
        List<ConsumerRecord<byte[], byte[]>> dead =
                fixture.readToEnd(Topics.RESPONSES_DLQ.name(), true);
        MalformedSummary.print(
                Topics.RESPONSES.name(),
                inputs,
                Map.of("dlq", (long) dead.size()),
                good,
                scored.size());
        assertThat(dead.stream().map(ScorerMalformedInputIT::source))
                .as("every malformed record dead-lettered once, by source partition and offset")
                .containsExactlyInAnyOrderElementsOf(badSources);
        assertThat(dead).allSatisfy(d -> assertThat(header(d, DeadLetters.REASON)).isNotBlank());
        assertThat(scored).hasSize(good).doesNotHaveDuplicates();
        assertThat(scorer.health().up()).as(scorer.health().detail()).isTrue();
    }

    @Test
    void shouldRefuseEveryMalformedModelRecordAndLoadTheGoodOne() throws Exception {
        byte[] goodSample =
                Topics.MODELS
                        .valueSerde(ScorerFixture.SERDE)
                        .serializer()
                        .serialize(Topics.MODELS.name(), SampleEvents.modelPublished());
        byte[] foreign = responseBytes(ScorerFixture.response("sample", 0, "p"));
        List<HostileInput> inputs =
                new HostileRecords(SEED)
                        .values(ModelPublished.getClassSchema(), goodSample, foreign, MALFORMED);
        long rejectedBefore = scorer.metrics().rejectedModelCount();
        try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
            for (int i = 0; i < inputs.size(); i++) {
                send(raw, Topics.MODELS.name(), ScorerFixture.LINEAGE, inputs.get(i).bytes());
                if (i == inputs.size() / 2) {
                    raw.flush();
                    fixture.publishModel("v0002");
                }
            }
            raw.flush();
        }

        await().atMost(Duration.ofSeconds(120))
                .until(
                        () ->
                                scorer.metrics().rejectedModelCount() - rejectedBefore >= MALFORMED
                                        && "v0002".equals(scorer.metrics().modelVersion()));
        long refused = scorer.metrics().rejectedModelCount() - rejectedBefore;
        MalformedSummary.print(
                Topics.MODELS.name() + " (scorer's follower)",
                inputs,
                Map.of("refused", refused),
                1,
                "v0002".equals(scorer.metrics().modelVersion()) ? 1 : 0);
        assertThat(refused).isEqualTo(MALFORMED);
        assertThat(scorer.health().up()).as(scorer.health().detail()).isTrue();
    }

    @Test
    void shouldAnswerEveryMalformedGetRewardRequestWithA4xx() {
        ObjectNode template = JsonNodeFactory.instance.objectNode();
        template.putArray("query").add("How do I boil an egg? Simmer it for nine minutes.");
        template.putArray("prompts").add("How do I boil an egg?");
        fuzz("/get_reward", template, List.of("query", "prompts"), "query", this::goodGetReward);
    }

    @Test
    void shouldAnswerEveryMalformedScoreRequestWithA4xx() {
        ObjectNode template = JsonNodeFactory.instance.objectNode();
        template.put("prompt", "How do I boil an egg?");
        template.put("response", "Simmer it for nine minutes, then cool it in cold water.");
        template.put("responseId", "r-1");
        fuzz(
                "/v1/score",
                template,
                List.of("prompt", "response"),
                "responseId",
                i ->
                        template.deepCopy()
                                .put("responseId", "good-" + i)
                                .toString()
                                .getBytes(StandardCharsets.UTF_8));
    }

    private void fuzz(
            String path,
            ObjectNode template,
            List<String> required,
            String bounded,
            IntFunction<byte[]> good) {
        List<HostileInput> inputs =
                new HostileJson(SEED, template, required, bounded, MAX_BODY_BYTES + 1)
                        .bodies(MALFORMED);
        URI base = URI.create("http://127.0.0.1:" + scorer.httpPort().orElseThrow());
        HttpFuzz.Result result = HttpFuzz.run(base.resolve(path), "POST", inputs, good, GOOD_EVERY);
        result.printAndCheck("POST " + path, inputs, MALFORMED / GOOD_EVERY);
        assertThat(HttpFuzz.get(base.resolve("/health"))).isEqualTo("200");
    }

    private byte[] goodGetReward(int i) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("query").add("Question " + i + "? A careful answer " + i + ".");
        body.putArray("prompts").add("Question " + i + "?");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] responseBytes(ResponseGenerated response) {
        return Topics.RESPONSES
                .valueSerde(ScorerFixture.SERDE)
                .serializer()
                .serialize(Topics.RESPONSES.name(), response);
    }

    private KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        fixture.bootstrap(),
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        2 * 1024 * 1024,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static Future<RecordMetadata> send(
            KafkaProducer<byte[], byte[]> raw, String topic, String key, byte[] value) {
        return raw.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    private static String source(ConsumerRecord<byte[], byte[]> deadLetter) {
        return header(deadLetter, DeadLetters.SOURCE_PARTITION)
                + "@"
                + header(deadLetter, DeadLetters.SOURCE_OFFSET);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
