package io.rewardloop.feedback.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rewardloop.feedback.FeedbackIndex;
import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.feedback.Validated;
import io.rewardloop.feedback.http.FeedbackApi;
import io.rewardloop.feedback.http.FeedbackPublisher;
import io.rewardloop.feedback.streams.CompletionSettings;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.KafkaSettings;
import io.rewardloop.service.ServiceMetrics;
import io.rewardloop.service.http.HealthStatus;
import io.rewardloop.service.http.HttpService;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP API through real HTTP against the real embedded broker: every validation error, the
 * batch rule, retries (duplicate) and the 409, 413/415/400 for bodies, auth off and on with a bound
 * token, the records on {@code rlhf.feedback}, metrics and the OpenAPI description.
 */
class FeedbackApiIT {

    static final String UNBOUND_TOKEN = "unbound-token-0123456789";
    static final String ALICE_TOKEN = "alice-token-0123456789ab";
    static final int MAX_BODY = 16 * 1024;

    @RegisterExtension static final BrokerWithTopics kafka = new BrokerWithTopics();
    static Producer<byte[], byte[]> producer;
    static PrometheusMeterRegistry registry;
    static HttpService open;
    static HttpService secured;
    static final Map<String, String> recorded = new ConcurrentHashMap<>();
    static final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        KafkaSettings settings = KafkaSettings.embedded(kafka.bootstrapServers());
        producer = FeedbackPublisher.createProducer(settings);
        registry = ServiceMetrics.newRegistry();
        // The index the Streams side provides, stood in for by what this test saw recorded.
        FeedbackIndex index = id -> Optional.ofNullable(recorded.get(id));
        open =
                FeedbackApi.start(
                        config(settings, HttpSettings.loopbackAnyPort(), Map.of()),
                        producer,
                        index,
                        registry,
                        () -> HealthStatus.up("test"));
        secured =
                FeedbackApi.start(
                        config(
                                settings,
                                new HttpSettings(
                                        "127.0.0.1", 0, List.of(UNBOUND_TOKEN, ALICE_TOKEN)),
                                Map.of(ALICE_TOKEN, "alice")),
                        producer,
                        FeedbackIndex.NONE,
                        ServiceMetrics.newRegistry(),
                        () -> HealthStatus.up("test"));
    }

    static IngestConfig config(KafkaSettings kafka, HttpSettings http, Map<String, String> bound) {
        return new IngestConfig(
                kafka,
                http,
                bound,
                MAX_BODY,
                5,
                1000,
                Set.of("helpfulness", "harmlessness"),
                "feedback-api-it",
                null,
                null,
                CompletionSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        Stream.of(open, secured).filter(s -> s != null).forEach(HttpService::close);
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void shouldAnswer201OnlyOnceTheRecordIsOnTheFeedbackTopic() throws Exception {
        String prompt = unique("prompt");
        HttpResponse<String> response = post(open, "/v1/preferences", preference(prompt, "alice"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.get("status").textValue()).isEqualTo("accepted");
        String id = body.get("feedbackId").textValue();
        assertThat(id).matches("fb-[0-9a-f]{32}");
        // Read at once, no waiting: acks=all means the record is in the log before the answer.
        List<ConsumerRecord<byte[], byte[]>> records = recordsWithKey(id);
        assertThat(records).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        JsonNode value = FeedbackJson.parse(record.value());
        assertThat(value.get("feedbackId").textValue()).isEqualTo(id);
        assertThat(value.get("kind").textValue()).isEqualTo("preference");
        assertThat(value.get("prompt").textValue()).isEqualTo(prompt);
        assertThat(
                        new String(
                                record.headers().lastHeader("rlhf.feedback.source").value(),
                                StandardCharsets.UTF_8))
                .isEqualTo("http");
    }

    @Test
    void shouldAnswerARetryAsDuplicateWithoutASecondRecordAndOtherContentAs409() throws Exception {
        String item =
                preference(unique("retry"), "alice")
                        .replace("{", "{\"feedbackId\":\"" + unique("id") + "\",");
        HttpResponse<String> first = post(open, "/v1/preferences", item);
        String id = json(first).get("feedbackId").textValue();
        indexWhatWasRecorded(id);

        HttpResponse<String> retry = post(open, "/v1/preferences", item);
        HttpResponse<String> conflict =
                post(open, "/v1/preferences", item.replace("\"B\"", "\"C\""));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry).get("status").textValue()).isEqualTo("duplicate");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(json(conflict).get("detail").textValue()).contains(id);
        assertThat(recordsWithKey(id)).hasSize(1);
    }

    static Stream<Arguments> invalidItems() {
        String p = preference("P", "alice");
        String r =
                "{\"prompt\":\"P\",\"response\":\"R\",\"ratings\":{\"helpfulness\":4},\"scales\":{\"helpfulness\":[1,5]},\"annotatorId\":\"a\"}";
        return Stream.of(
                Arguments.of("/v1/preferences", p.replace("\"prompt\":\"P\",", ""), "/prompt"),
                Arguments.of("/v1/preferences", p.replace("\"chosen\":\"A\",", ""), "/chosen"),
                Arguments.of("/v1/preferences", p.replace("\"B\"", "\"A\""), "/rejected"),
                Arguments.of(
                        "/v1/preferences",
                        p.replace("{", "{\"objective\":\"humour\","),
                        "/objective"),
                Arguments.of(
                        "/v1/preferences",
                        p.replace("\"P\"", "\"" + "x".repeat(1001) + "\""),
                        "/prompt"),
                Arguments.of("/v1/preferences", p.replace("\"A\"", "7"), "/chosen"),
                Arguments.of("/v1/preferences", p.replace("{", "{\"tie\":\"no\","), "/tie"),
                Arguments.of("/v1/preferences", r.replace("{", "{\"kind\":\"rating\","), "/kind"),
                Arguments.of("/v1/preferences", r, "/chosen"),
                Arguments.of("/v1/ratings", r.replace("\"response\":\"R\",", ""), "/response"),
                Arguments.of("/v1/ratings", r.replace(":4}", ":9}"), "/ratings/helpfulness"),
                Arguments.of(
                        "/v1/ratings",
                        r.replace("helpfulness\":4", "humour\":4")
                                .replace("helpfulness\":[1,5]", "humour\":[1,5]"),
                        "/ratings/humour"),
                Arguments.of("/v1/ratings", r.replace("[1,5]", "[5,1]"), "/scales/helpfulness"),
                Arguments.of("/v1/feedback", "{\"prompt\":\"P\",\"annotatorId\":\"a\"}", ""),
                Arguments.of("/v1/feedback", "\"just a string\"", ""));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("invalidItems")
    void shouldAnswer400NamingTheBadFieldByPointer(String path, String item, String pointer)
            throws Exception {
        HttpResponse<String> response = post(open, path, item);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(pointers(json(response))).contains(pointer);
    }

    @Test
    void shouldAnswer400ForMalformedJsonAndInvalidUtf8WithTheEmptyPointer() throws Exception {
        HttpResponse<String> malformed = post(open, "/v1/feedback", "{\"prompt\":");
        byte[] bad = preference("caf\u00e9", "alice").getBytes(StandardCharsets.UTF_8);
        int e = indexOf(bad, (byte) 0xC3);
        bad[e + 1] = (byte) 0x28; // 0xC3 0x28 is not UTF-8
        HttpResponse<String> invalid = send(open, "/v1/feedback", "application/json", bad, null);

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("errors").get(0).get("pointer").textValue()).isEmpty();
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("detail").textValue()).startsWith("invalid UTF-8 at byte");
    }

    @Test
    void shouldAnswer415ForOtherContentTypesAnd413ForBodiesOverTheLimit() throws Exception {
        byte[] item = preference("P", "alice").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> text = send(open, "/v1/preferences", "text/plain", item, null);
        HttpResponse<String> latin1 =
                send(open, "/v1/preferences", "application/json; charset=ISO-8859-1", item, null);
        String big = preference("x".repeat(MAX_BODY), "alice");
        HttpResponse<String> tooLarge = post(open, "/v1/preferences", big);
        HttpResponse<String> chunked =
                client.send(
                        request(open, "/v1/preferences", null)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofInputStream(
                                                () ->
                                                        new ByteArrayInputStream(
                                                                big.getBytes(
                                                                        StandardCharsets.UTF_8))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(latin1.statusCode()).isEqualTo(415);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("detail").textValue()).contains(Integer.toString(MAX_BODY));
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void shouldRecordTheValidItemsOfABatchAndAnswerEachItem() throws Exception {
        String good = preference(unique("batch-a"), "alice");
        String mixed =
                "{\"items\":["
                        + good
                        + ","
                        + preference("P", "alice").replace("\"chosen\":\"A\",", "")
                        + ","
                        + good
                        + ","
                        + "{\"kind\":\"rating\",\"prompt\":\""
                        + unique("batch-r")
                        + "\",\"response\":\"R\",\"ratings\":{\"harmlessness\":1},\"annotatorId\":\"bob\"}"
                        + "]}";

        HttpResponse<String> response = post(open, "/v1/feedback", mixed);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        JsonNode results = body.get("results");
        assertThat(results).hasSize(4);
        assertThat(statuses(results))
                .containsExactly("accepted", "invalid", "duplicate", "accepted");
        assertThat(results.get(1).get("index").intValue()).isEqualTo(1);
        assertThat(results.get(1).get("errors").get(0).get("pointer").textValue())
                .isEqualTo("/chosen");
        assertThat(body.get("accepted").intValue()).isEqualTo(2);
        assertThat(body.get("duplicates").intValue()).isEqualTo(1);
        assertThat(body.get("rejected").intValue()).isEqualTo(1);
        assertThat(recordsWithKey(results.get(0).get("feedbackId").textValue())).hasSize(1);
        assertThat(recordsWithKey(results.get(3).get("feedbackId").textValue())).hasSize(1);
    }

    @Test
    void shouldRefuseABatchEnvelopeThatIsEmptyTooLargeOrNotAnArray() throws Exception {
        String six =
                "{\"items\":["
                        + String.join(",", java.util.Collections.nCopies(6, preference("P", "a")))
                        + "]}";

        for (String envelope :
                List.of("{\"items\":[]}", six, "{\"items\":{}}", "{\"items\":[],\"x\":1}")) {
            HttpResponse<String> response = post(open, "/v1/preferences", envelope);
            assertThat(response.statusCode()).as(envelope).isEqualTo(400);
            assertThat(pointers(json(response))).as(envelope).containsAnyOf("/items", "/x");
        }
    }

    @Test
    void shouldRequireATokenWhenTokensAreConfiguredAndBindTokensToTheirAnnotator()
            throws Exception {
        String asAlice = preference(unique("auth"), "alice");
        String asBob = preference(unique("auth"), "bob");

        assertThat(
                        send(secured, "/v1/preferences", "application/json", bytes(asAlice), null)
                                .statusCode())
                .isEqualTo(401);
        assertThat(
                        send(
                                        secured,
                                        "/v1/preferences",
                                        "application/json",
                                        bytes(asAlice),
                                        "wrong-token-0123456789")
                                .statusCode())
                .isEqualTo(401);
        assertThat(
                        send(
                                        secured,
                                        "/v1/preferences",
                                        "application/json",
                                        bytes(asAlice),
                                        ALICE_TOKEN)
                                .statusCode())
                .isEqualTo(201);
        assertThat(
                        send(
                                        secured,
                                        "/v1/preferences",
                                        "application/json",
                                        bytes(asBob),
                                        UNBOUND_TOKEN)
                                .statusCode())
                .isEqualTo(201);
        HttpResponse<String> forged =
                send(
                        secured,
                        "/v1/preferences",
                        "application/json",
                        bytes(asBob.replace("auth", "forged")),
                        ALICE_TOKEN);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(pointers(json(forged))).containsExactly("/annotatorId");
        HttpResponse<String> batch =
                send(
                        secured,
                        "/v1/preferences",
                        "application/json",
                        bytes(
                                "{\"items\":["
                                        + preference(unique("b"), "alice")
                                        + ","
                                        + preference(unique("b"), "bob")
                                        + "]}"),
                        ALICE_TOKEN);
        assertThat(statuses(json(batch).get("results"))).containsExactly("accepted", "forbidden");
        assertThat(
                        client.send(
                                        request(secured, "/health", null).GET().build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                .isEqualTo(200);
        // auth off: no token needed
        assertThat(post(open, "/v1/preferences", preference(unique("open"), "bob")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void shouldServeMetricsAndTheOpenApiDescription() throws Exception {
        post(
                open,
                "/v1/ratings",
                "{\"prompt\":\""
                        + unique("m")
                        + "\",\"response\":\"R\",\"ratings\":{\"helpfulness\":0.5},\"annotatorId\":\"m\"}");
        post(open, "/v1/ratings", "{}");

        String metrics =
                client.send(
                                request(open, "/metrics", null).GET().build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        HttpResponse<String> openApi =
                client.send(
                        request(open, "/openapi.json", null).GET().build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(metrics)
                .containsPattern(
                        "rlhf_feedback_accepted_total\\{channel=\"http\",kind=\"rating\"} [1-9]");
        assertThat(metrics)
                .containsPattern(
                        "rlhf_feedback_rejected_total\\{channel=\"http\",reason=\"invalid\"} [1-9]");
        assertThat(metrics)
                .contains("rlhf_feedback_request_seconds_count{endpoint=\"/v1/ratings\"");
        assertThat(openApi.statusCode()).isEqualTo(200);
        JsonNode spec = FeedbackJson.MAPPER.readTree(openApi.body());
        assertThat(spec.get("openapi").textValue()).isEqualTo("3.1.0");
        assertThat(spec.get("paths").has("/v1/preferences")).isTrue();
        assertThat(spec.get("paths").has("/v1/ratings")).isTrue();
        assertThat(spec.get("paths").has("/v1/feedback")).isTrue();
    }

    // --- helpers

    static String preference(String prompt, String annotator) {
        return "{\"prompt\":\""
                + prompt
                + "\",\"chosen\":\"A\",\"rejected\":\"B\",\"annotatorId\":\""
                + annotator
                + "\"}";
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static HttpResponse<String> post(HttpService service, String path, String json)
            throws Exception {
        return send(service, path, "application/json", bytes(json), null);
    }

    static HttpResponse<String> send(
            HttpService service, String path, String contentType, byte[] body, String token)
            throws Exception {
        return client.send(
                request(service, path, token)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(HttpService service, String path, String token) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                        .timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return FeedbackJson.MAPPER.readTree(response.body());
    }

    static List<String> pointers(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("errors").forEach(e -> out.add(e.get("pointer").textValue()));
        return out;
    }

    static List<String> statuses(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.forEach(r -> out.add(r.get("status").textValue()));
        return out;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no byte " + b);
    }

    /** Stands in for the Streams index: what is on rlhf.feedback under this id. */
    static void indexWhatWasRecorded(String id) {
        for (ConsumerRecord<byte[], byte[]> record : recordsWithKey(id)) {
            Validated validated =
                    config(
                                    KafkaSettings.embedded(kafka.bootstrapServers()),
                                    HttpSettings.loopbackAnyPort(),
                                    Map.of())
                            .validator()
                            .validate(FeedbackJson.parse(record.value()), null, "kafka");
            recorded.put(id, ((Validated.Valid) validated).feedback().contentHash());
        }
    }

    /** Every record on rlhf.feedback with this key, read from the beginning to the end offsets. */
    static List<ConsumerRecord<byte[], byte[]>> recordsWithKey(String key) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.FEEDBACK.name()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        out.add(record);
                    }
                }
            }
        }
        return out;
    }
}
