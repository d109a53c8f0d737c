package io.rewardloop.feedback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.feedback.FeedbackIngestService;
import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.feedback.http.FeedbackApi;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.service.KafkaSettings;
import io.rewardloop.service.testing.HostileInput;
import io.rewardloop.service.testing.HostileJson;
import io.rewardloop.service.testing.HttpFuzz;
import io.rewardloop.service.testing.MalformedSummary;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 malformed inputs on each of the ingest's surfaces, good feedback in between, through real
 * HTTP and the real broker: every malformed {@code rlhf.feedback} record lands in {@code
 * rlhf.feedback.dlq}, every malformed request to {@code /v1/preferences}, {@code /v1/ratings},
 * {@code /v1/feedback} and its batch form gets a 4xx; every good item is recorded once and the
 * service stays healthy.
 */
class FeedbackMalformedInputIT {

    private static final int MALFORMED = 500;
    private static final int GOOD_EVERY = 10;
    private static final long SEED = 12;
    private static final List<String> PREFERENCE_FIELDS =
            List.of("prompt", "chosen", "rejected", "annotatorId");
    private static final List<String> RATING_FIELDS =
            List.of("prompt", "response", "ratings", "annotatorId");

    @RegisterExtension static final BrokerWithTopics kafka = new BrokerWithTopics();

    @TempDir static Path stateDir;

    private static FeedbackIngestService service;

    @BeforeAll
    static void start() {
        service =
                FeedbackIngestService.start(
                        IngestConfig.defaults(KafkaSettings.embedded(kafka.bootstrapServers()))
                                .withStreams("malformed-ingest", stateDir.toString()));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> HttpFuzz.get(URI.create(service.baseUrl() + "/health")).equals("200"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void shouldDeadLetterEveryMalformedFeedbackRecordAndRecordEveryGoodOne() throws Exception {
        List<HostileInput> inputs = generator(preference("template")).values(MALFORMED);
        List<Future<RecordMetadata>> bad = new ArrayList<>();
        Set<String> goodIds = new HashSet<>();
        try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
            for (int i = 0; i < inputs.size(); i++) {
                bad.add(send(raw, "k" + i, inputs.get(i).bytes()));
                if (i % GOOD_EVERY == GOOD_EVERY - 1) {
                    String id = "kafka-good-" + i;
                    goodIds.add(id);
                    send(raw, id, bytes(preference(id)));
                }
            }
            raw.flush();
        }
        Set<String> badSources = new HashSet<>();
        for (Future<RecordMetadata> sent : bad) {
            RecordMetadata m = sent.get();
            badSources.add(m.partition() + "@" + m.offset());
        }

        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        Set<String> recorded = new HashSet<>();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            dead.clear();
                            dead.addAll(
                                    TopicReads.records(
                                            kafka.bootstrapServers(),
                                            Topics.FEEDBACK_DLQ.name(),
                                            true));
                            recorded.clear();
                            recorded.addAll(keys(Topics.PREFERENCES.name()));
                            return dead.size() >= MALFORMED && recorded.containsAll(goodIds);
                        });
        MalformedSummary.print(
                Topics.FEEDBACK.name(),
                inputs,
                Map.of("dlq", (long) dead.size()),
                goodIds.size(),
                (int) goodIds.stream().filter(recorded::contains).count());
        assertThat(
                        dead.stream()
                                .map(d -> DeadLetters.read(d.headers()).orElseThrow())
                                .map(info -> info.sourcePartition() + "@" + info.sourceOffset()))
                .as("every malformed record dead-lettered once, by source partition and offset")
                .containsExactlyInAnyOrderElementsOf(badSources);
        assertThat(keys(Topics.PREFERENCES.name()))
                .filteredOn(goodIds::contains)
                .hasSize(goodIds.size())
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldAnswerEveryMalformedPreferenceWithA4xx() {
        fuzz(
                FeedbackApi.PREFERENCES_PATH,
                preference("t"),
                PREFERENCE_FIELDS,
                "http-pref-",
                i -> bytes(preference("http-pref-" + i)),
                HttpFuzz.CLIENT_ERROR);
    }

    @Test
    void shouldAnswerEveryMalformedRatingWithA4xx() {
        fuzz(
                FeedbackApi.RATINGS_PATH,
                rating("t"),
                RATING_FIELDS,
                "http-rating-",
                i -> bytes(rating("http-rating-" + i)),
                HttpFuzz.CLIENT_ERROR);
    }

    @Test
    void shouldAnswerEveryMalformedFeedbackWithA4xx() {
        fuzz(
                FeedbackApi.FEEDBACK_PATH,
                preference("t"),
                PREFERENCE_FIELDS,
                "http-feedback-",
                i -> bytes(preference("http-feedback-" + i)),
                HttpFuzz.CLIENT_ERROR);
    }

    /**
     * A batch is refused as a whole (4xx) when its envelope is wrong, and item by item (200, every
     * item rejected, nothing recorded) when its items are: both count as refused.
     */
    @Test
    void shouldRefuseEveryMalformedBatch() {
        ObjectNode batch = FeedbackJson.MAPPER.createObjectNode();
        batch.putArray("items").add(preference("t"));
        fuzz(
                FeedbackApi.FEEDBACK_PATH,
                batch,
                List.of("items"),
                "http-batch-",
                i -> {
                    ObjectNode good = FeedbackJson.MAPPER.createObjectNode();
                    good.putArray("items").add(preference("http-batch-" + i));
                    return bytes(good);
                },
                HttpFuzz.CLIENT_ERROR.or(FeedbackMalformedInputIT::everyItemRejected));
    }

    private void fuzz(
            String path,
            ObjectNode template,
            List<String> required,
            String goodPrefix,
            IntFunction<byte[]> good,
            BiPredicate<Integer, String> refused) {
        List<HostileInput> inputs =
                new HostileJson(
                                SEED,
                                template,
                                required,
                                required.get(0),
                                (int) IngestConfig.DEFAULT_MAX_BODY_BYTES + 1)
                        .bodies(MALFORMED);
        URI base = URI.create(service.baseUrl());
        HttpFuzz.Result result =
                HttpFuzz.run(base.resolve(path), "POST", inputs, good, GOOD_EVERY, refused);
        String surface = template.has("items") ? path + " (batch)" : path;
        result.printAndCheck("POST " + surface, inputs, MALFORMED / GOOD_EVERY);
        String topic = template.has("ratings") ? Topics.RATINGS.name() : Topics.PREFERENCES.name();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                keys(topic).stream().filter(k -> k.startsWith(goodPrefix)).count()
                                        == MALFORMED / GOOD_EVERY);
        assertThat(HttpFuzz.get(base.resolve("/health"))).isEqualTo("200");
    }

    private static boolean everyItemRejected(int status, String body) {
        try {
            JsonNode answer = FeedbackJson.MAPPER.readTree(body);
            return status == 200
                    && answer.path("accepted").asInt(-1) == 0
                    && answer.path("duplicates").asInt(-1) == 0
                    && answer.path("rejected").asInt(0) > 0;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static HostileJson generator(ObjectNode template) {
        return new HostileJson(
                SEED, template, PREFERENCE_FIELDS, "annotatorId", HostileJson.HUGE_RECORD_BYTES);
    }

    private static ObjectNode preference(String id) {
        ObjectNode item = FeedbackJson.MAPPER.createObjectNode();
        item.put("feedbackId", id);
        item.put("prompt", "What is the capital of France?");
        item.put("chosen", "Paris is the capital of France.");
        item.put("rejected", "Lyon.");
        item.put("annotatorId", "annotator-1");
        return item;
    }

    private static ObjectNode rating(String id) {
        ObjectNode item = FeedbackJson.MAPPER.createObjectNode();
        item.put("feedbackId", id);
        item.put("prompt", "What is the capital of France?");
        item.put("response", "Paris is the capital of France.");
        item.putObject("ratings").put("helpfulness", 4);
        item.putObject("scales").putArray("helpfulness").add(1).add(5);
        item.put("annotatorId", "annotator-1");
        return item;
    }

    private static byte[] bytes(ObjectNode node) {
        return FeedbackJson.write(node).getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        Map<String, Object> props = KafkaSettings.embedded(kafka.bootstrapServers()).clientConfig();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Future<RecordMetadata> send(
            KafkaProducer<byte[], byte[]> raw, String key, byte[] value) {
        return raw.send(
                new ProducerRecord<>(
                        Topics.FEEDBACK.name(), key.getBytes(StandardCharsets.UTF_8), value));
    }

    private static List<String> keys(String topic) {
        return TopicReads.keys(kafka.bootstrapServers(), topic, true);
    }
}
