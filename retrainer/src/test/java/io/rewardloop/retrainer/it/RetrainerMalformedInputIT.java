package io.rewardloop.retrainer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.retrainer.RetrainerService;
import io.rewardloop.schemas.SampleEvents;
import io.rewardloop.schemas.Topic;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.testing.HostileInput;
import io.rewardloop.service.testing.HostileJson;
import io.rewardloop.service.testing.HostileRecords;
import io.rewardloop.service.testing.HttpFuzz;
import io.rewardloop.service.testing.MalformedSummary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 malformed inputs on each of the retrainer's surfaces, good ones in between, through the real
 * broker and real HTTP: malformed records on {@code rlhf.preferences}, {@code rlhf.ratings} and
 * {@code rlhf.control} are skipped and counted (no dead-letter topic: see the reliability results),
 * every good preference and rating is read, a good retrain request is answered with a round; every
 * malformed {@code POST /v1/retrain} gets a 4xx and every good one a 202; the retrainer stays up.
 */
class RetrainerMalformedInputIT {

    private static final int MALFORMED = 500;
    private static final int GOOD_EVERY = 10;
    private static final long SEED = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Kinds {@code POST /v1/retrain} accepts by contract: no body, and no reason. */
    private static final Set<String> VALID_FOR_RETRAIN = Set.of("empty-body", "missing-field");

    @TempDir static Path cache;

    private static RetrainerFixture fixture;
    private static RetrainerService retrainer;

    @BeforeAll
    static void start() {
        fixture = new RetrainerFixture();
        retrainer =
                RetrainerService.start(
                        fixture.config("malformed", cache), ChannelConfig.defaults());
        await().atMost(Duration.ofSeconds(120)).until(retrainer::isLeader);
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/health").equals("200"));
    }

    @AfterAll
    static void stop() {
        if (retrainer != null) {
            retrainer.close();
        }
        fixture.close();
    }

    @Test
    void shouldSkipEveryMalformedFeedbackRecordAndReadEveryGoodOne() throws Exception {
        long pairsBefore = rounds().path("pairs").asLong();
        long ratingsBefore = rounds().path("ratings").asLong();
        long skippedBefore = metric("rlhf_retrainer_records_skipped");
        List<HostileInput> preferences =
                fuzzTopic(
                        Topics.PREFERENCES,
                        PreferenceRecorded.getClassSchema(),
                        SampleEvents.preferenceRecorded(),
                        i -> {
                            PreferenceRecorded p = SampleEvents.preferenceRecorded();
                            p.setFeedbackId("good-pref-" + i);
                            return p;
                        });
        List<HostileInput> ratings =
                fuzzTopic(
                        Topics.RATINGS,
                        RatingRecorded.getClassSchema(),
                        SampleEvents.ratingRecorded(),
                        i -> {
                            RatingRecorded r = SampleEvents.ratingRecorded();
                            r.setFeedbackId("good-rating-" + i);
                            return r;
                        });
        int good = MALFORMED / GOOD_EVERY;

        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                metric("rlhf_retrainer_records_skipped") - skippedBefore
                                                >= 2 * MALFORMED
                                        && rounds().path("pairs").asLong() - pairsBefore >= good
                                        && rounds().path("ratings").asLong() - ratingsBefore
                                                >= good);
        long skipped = metric("rlhf_retrainer_records_skipped") - skippedBefore;
        long pairs = rounds().path("pairs").asLong() - pairsBefore;
        long rated = rounds().path("ratings").asLong() - ratingsBefore;
        MalformedSummary.print(
                Topics.PREFERENCES.name() + " + " + Topics.RATINGS.name() + " (retrainer)",
                concat(preferences, ratings),
                Map.of("skipped", skipped),
                2 * good,
                (int) (pairs + rated));
        assertThat(skipped).isEqualTo(2 * MALFORMED);
        assertThat(pairs).isEqualTo(good);
        assertThat(rated).isEqualTo(good);
        assertThat(get("/health")).isEqualTo("200");
    }

    @Test
    void shouldSkipEveryMalformedControlRecordAndAnswerTheGoodRequest() throws Exception {
        long skippedBefore = metric("rlhf_retrainer_control_skipped");
        List<HostileInput> inputs =
                new HostileRecords(SEED)
                        .values(
                                ControlEvent.getClassSchema(),
                                bytes(Topics.CONTROL, SampleEvents.retrainRequested()),
                                bytes(Topics.RATINGS, SampleEvents.ratingRecorded()),
                                MALFORMED);
        String requestId = null;
        try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
            for (int i = 0; i < inputs.size(); i++) {
                raw.send(record(Topics.CONTROL.name(), RetrainerFixture.LINEAGE, inputs.get(i)));
                if (i == MALFORMED / 2) {
                    raw.flush();
                    requestId = requestIdOf(post("{\"reason\":\"between the malformed\"}"));
                }
            }
            raw.flush();
        }
        String asked = requestId;

        await().atMost(Duration.ofMinutes(2))
                .until(
                        () ->
                                metric("rlhf_retrainer_control_skipped") - skippedBefore
                                                >= MALFORMED
                                        && rounds().toString().contains(asked));
        long skipped = metric("rlhf_retrainer_control_skipped") - skippedBefore;
        MalformedSummary.print(
                Topics.CONTROL.name() + " (retrainer)",
                inputs,
                Map.of("skipped", skipped),
                1,
                rounds().toString().contains(asked) ? 1 : 0);
        assertThat(skipped).isEqualTo(MALFORMED);
        assertThat(retrainer.isLeader()).isTrue();
        assertThat(get("/health")).isEqualTo("200");
    }

    @Test
    void shouldAnswerEveryMalformedRetrainRequestWithA4xx() {
        ObjectNode template = JSON.createObjectNode().put("reason", "the annotators disagree");
        List<HostileInput> inputs =
                new HostileJson(SEED, template, List.of("reason"), "reason", 64 * 1024 + 1)
                        .bodies(2 * MALFORMED).stream()
                                .filter(input -> !VALID_FOR_RETRAIN.contains(input.kind()))
                                .limit(MALFORMED)
                                .toList();
        URI url = base().resolve(RetrainerService.RETRAIN_PATH);
        HttpFuzz.Result result =
                HttpFuzz.run(
                        url,
                        "POST",
                        inputs,
                        i -> ("{\"reason\":\"good " + i + "\"}").getBytes(StandardCharsets.UTF_8),
                        GOOD_EVERY);
        assertThat(inputs).hasSize(MALFORMED);
        result.printAndCheck(
                "POST " + RetrainerService.RETRAIN_PATH, inputs, MALFORMED / GOOD_EVERY);
        assertThat(get("/health")).isEqualTo("200");
    }

    private static <V> List<HostileInput> fuzzTopic(
            Topic<String, V> topic, Schema schema, V sample, Function<Integer, V> good) {
        List<HostileInput> inputs =
                new HostileRecords(SEED)
                        .values(
                                schema,
                                bytes(topic, sample),
                                bytes(Topics.RESPONSES, SampleEvents.responseGenerated()),
                                MALFORMED);
        try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
            for (int i = 0; i < inputs.size(); i++) {
                raw.send(record(topic.name(), "bad-" + i, inputs.get(i)));
                if (i % GOOD_EVERY == GOOD_EVERY - 1) {
                    raw.send(
                            new ProducerRecord<>(
                                    topic.name(),
                                    ("good-" + i).getBytes(StandardCharsets.UTF_8),
                                    bytes(topic, good.apply(i))));
                }
            }
        }
        return inputs;
    }

    private static <V> byte[] bytes(Topic<String, V> topic, V value) {
        return topic.valueSerde(fixture.settings.serdeConfig())
                .serializer()
                .serialize(topic.name(), value);
    }

    private static ProducerRecord<byte[], byte[]> record(
            String topic, String key, HostileInput input) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), input.bytes());
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        Map<String, Object> props = fixture.settings.clientConfig();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<HostileInput> concat(List<HostileInput> a, List<HostileInput> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static URI base() {
        return URI.create("http://127.0.0.1:" + retrainer.httpPort().orElseThrow());
    }

    private static String get(String path) {
        return HttpFuzz.get(base().resolve(path));
    }

    private static JsonNode rounds() throws IOException, InterruptedException {
        return JSON.readTree(text("/v1/rounds"));
    }

    private static String text(String path) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(base().resolve(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** A gauge's value from {@code /metrics}. */
    private static long metric(String name) throws IOException, InterruptedException {
        Matcher m =
                Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$")
                        .matcher(text("/metrics"));
        assertThat(m.find()).as(name + " on /metrics").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private static String post(String body) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(base().resolve(RetrainerService.RETRAIN_PATH))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String requestIdOf(String answer) throws IOException {
        return JSON.readTree(answer).path("requestId").asText();
    }
}
