package io.rewardloop.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatedResponse;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.events.RewardScored;
import io.rewardloop.events.RoundOutcome;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.heads.TrainingMetrics;
import io.rewardloop.model.testing.RandomModels;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.KafkaSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page against a real broker and a real browser: empty topics show "no data yet" and no
 * chart; then two model versions, 400 rewards, drift alarms, rounds, feedback and rejections show
 * in {@code /status.json} and as five drawn ECharts charts in headless chromium, whose screenshot
 * is kept in {@code target/status-page.png}.
 */
class StatusPageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINEAGE = "default";
    private static final String AGREEMENT =
            "{\"overall\":{\"objective\":\"*\",\"pairs\":2,\"pairComparisons\":4,"
                    + "\"pairAgreement\":0.5,\"ratedResponses\":3,\"pairableRatings\":6,"
                    + "\"alpha\":-0.232},\"objectives\":[],\"annotators\":[{\"annotator\":\"c\","
                    + "\"majorityComparisons\":1,\"majorityAgreement\":0.0,"
                    + "\"ratingComparisons\":1,\"meanRatingDeviation\":1.0}]}";

    private static KafkaCluster kafka;
    private static KafkaSettings settings;
    private static HttpServer ingest;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBrokerAndIngest() throws IOException {
        kafka = KafkaClusters.startForTests();
        TopicAdmin.createAllOnSingleBroker(kafka.bootstrapServers());
        settings = KafkaSettings.embedded(kafka.bootstrapServers());
        // The feedback ingest's agreement endpoint, as it answers (README's example figures).
        ingest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingest.createContext(
                AgreementClient.PATH,
                exchange -> {
                    byte[] body = AGREEMENT.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        ingest.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ingest != null) {
            ingest.stop(0);
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldShowTheLoopAsJsonAndAsDrawnChartsInAHeadlessBrowser(@TempDir Path work)
            throws Exception {
        HeadlessChromium chromium = new HeadlessChromium(work);
        StatusConfig config =
                new StatusConfig(
                                settings,
                                HttpSettings.loopbackAnyPort(),
                                LINEAGE,
                                Optional.empty(),
                                Optional.empty(),
                                Duration.ofMinutes(1),
                                60)
                        .withFeedbackUrl(
                                URI.create("http://127.0.0.1:" + ingest.getAddress().getPort()));
        try (StatusService status = StatusService.start(config, ChannelConfig.defaults())) {
            String page = status.baseUrl() + "/";
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> json(status).get("caughtUp").asBoolean());

            assertThat(get(status.baseUrl() + "/health").body()).contains("\"UP\"");

            String empty = chromium.dumpDom(page);
            assertThat(empty).contains("data-rendered=\"0\"").contains("no data yet");
            assertThat(empty).doesNotContain("<canvas");

            long now = System.currentTimeMillis();
            publishModels();
            produceRewards(now);
            produceControl(now);
            produceFeedback(now);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> json(status), StatusPageIT::holdsEverythingProduced);
            assertSnapshot(json(status));

            String drawn = chromium.dumpDom(page);
            assertThat(drawn).contains("data-rendered=\"5\"");
            for (String chart :
                    new String[] {"score", "objectives", "gating", "drift", "feedback"}) {
                assertThat(chartElement(drawn, chart))
                        .as("chart %s holds an ECharts canvas", chart)
                        .contains("_echarts_instance_")
                        .contains("<canvas");
            }
            assertThat(drawn)
                    .contains("v0002")
                    .contains("live")
                    .contains("not published: candidate 0.55 vs live 0.64")
                    .contains("0.500") // pair agreement from the ingest
                    .contains("response text is empty");

            Path png = Path.of("target", "status-page.png");
            Files.createDirectories(png.getParent());
            chromium.screenshot(page, png);
            assertPng(png);
        }
    }

    private JsonNode json(StatusService status) throws IOException, InterruptedException {
        return JSON.readTree(get(status.baseUrl() + "/status.json").body());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpResponse<String> answer =
                http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url).isEqualTo(200);
        return answer;
    }

    private static boolean holdsEverythingProduced(JsonNode s) {
        return s.at("/totals/rewards").asLong() == 400
                && s.get("models").size() == 2
                && s.get("rounds").size() == 2
                && s.at("/totals/preferences").asLong() == 30
                && s.at("/totals/deadLetters").asLong() == 3;
    }

    private static void assertSnapshot(JsonNode s) {
        assertThat(s.get("liveVersion").asText()).isEqualTo("v0002");
        JsonNode v2 = s.get("models").get(1);
        assertThat(v2.get("parentVersion").asText()).isEqualTo("v0001");
        assertThat(v2.get("status").asText()).isEqualTo("live");
        assertThat(v2.at("/metrics/candidate.heldout.accuracy").asDouble()).isEqualTo(0.68);
        assertThat(v2.at("/metrics/data.pairs.total").asDouble()).isEqualTo(120.0);
        assertThat(s.get("models").get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(s.get("objectives"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(Events.OBJECTIVES);
        // 400 rewards over 8 minutes: 8 one-minute buckets, v0001's before v0002's
        JsonNode rewards = s.get("rewards");
        assertThat(rewards.size()).isBetween(8, 9);
        assertThat(rewards.get(0).at("/versions/v0001").asLong()).isPositive();
        assertThat(rewards.get(rewards.size() - 1).at("/versions/v0002").asLong()).isPositive();
        long counted = 0;
        for (JsonNode bucket : rewards) {
            counted += bucket.get("count").asLong();
            assertThat(bucket.at("/score/p10").asDouble())
                    .isLessThanOrEqualTo(bucket.at("/score/p90").asDouble());
        }
        assertThat(counted).isEqualTo(400);
        // v0002 scores higher: its buckets' medians are above v0001's
        assertThat(rewards.get(rewards.size() - 1).at("/score/p50").asDouble())
                .isGreaterThan(rewards.get(0).at("/score/p50").asDouble());
        assertThat(s.get("drift")).hasSize(2);
        assertThat(s.get("drift").get(0).get("test").asText()).isEqualTo("REWARD_KS/helpfulness");
        assertThat(s.get("rounds").get(0).get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(s.at("/totals/preferences").asLong()).isEqualTo(30);
        assertThat(s.at("/totals/ratings").asLong()).isZero();
        assertThat(s.get("rejections").get(0).get("reason").asText())
                .isEqualTo("response text is empty");
        assertThat(s.at("/agreement/state").asText()).isEqualTo("ok");
        assertThat(s.at("/agreement/figures/overall/alpha").asDouble()).isEqualTo(-0.232);
    }

    private static String chartElement(String dom, String chart) {
        Matcher m =
                Pattern.compile(
                                "<div class=\"plot\" id=\"chart-"
                                        + chart
                                        + "\"[^>]*>(.*?)<p class=\"empty\"",
                                Pattern.DOTALL)
                        .matcher(dom);
        assertThat(m.find()).as("chart container %s", chart).isTrue();
        return m.group(0);
    }

    private static void assertPng(Path png) throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).as("screenshot size").isGreaterThan(50_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        ByteBuffer header = ByteBuffer.wrap(bytes, 16, 8);
        assertThat(header.getInt()).as("width").isEqualTo(1400);
        assertThat(header.getInt()).as("height").isEqualTo(1800);
    }

    private static void publishModels() {
        ModelPublisher publisher = new ModelPublisher(settings, ChannelConfig.defaults());
        publisher.publish(
                model("v0001", null, Map.of("accuracy.validation", 0.61)),
                LINEAGE,
                RetrainTrigger.BOOTSTRAP);
        publisher.publish(
                model(
                        "v0002",
                        "v0001",
                        Map.of(
                                "candidate.heldout.accuracy", 0.68,
                                "live.heldout.accuracy", 0.61,
                                "gate.p_value", 0.003,
                                "data.pairs.total", 120.0,
                                "data.pairs.train", 96.0,
                                "data.pairs.heldout", 24.0,
                                "data.ratings", 0.0)),
                LINEAGE,
                RetrainTrigger.DRIFT);
    }

    private static ModelArtifact model(String version, String parent, Map<String, Double> metrics) {
        ModelArtifact random = RandomModels.artifact(version, "test-backbone", 8, 2, 0);
        return ModelArtifact.builder()
                .setModel(random.model())
                .setModelVersion(version)
                .setBackboneId(random.backboneId())
                .optParentVersion(parent)
                .optMetrics(new TrainingMetrics(metrics))
                .build();
    }

    /**
     * 200 rewards of v0001 over the first four minutes, 200 of v0002 (higher) over the next four.
     */
    private static void produceRewards(long now) {
        Random random = new Random(42);
        long start = now - 8 * 60_000L;
        try (KafkaProducer<String, RewardScored> producer =
                new KafkaProducer<>(
                        settings.clientConfig(),
                        new StringSerializer(),
                        Topics.REWARDS.valueSerde(settings.serdeConfig()).serializer())) {
            for (int i = 0; i < 400; i++) {
                boolean second = i >= 200;
                double shift = second ? 1.0 : 0.0;
                RewardScored reward =
                        Events.reward(
                                "r" + i,
                                second ? "v0002" : "v0001",
                                shift + random.nextGaussian(),
                                shift / 2 + random.nextGaussian() * 0.5,
                                0.3 + 0.4 * random.nextDouble());
                long time = start + i * (8 * 60_000L / 400);
                producer.send(
                        new ProducerRecord<>(
                                Topics.REWARDS.name(), null, time, reward.getPromptId(), reward));
            }
            producer.flush();
        }
    }

    private static void produceControl(long now) {
        try (KafkaProducer<String, ControlEvent> producer =
                new KafkaProducer<>(
                        settings.clientConfig(),
                        new StringSerializer(),
                        Topics.CONTROL.valueSerde(settings.serdeConfig()).serializer())) {
            for (ControlEvent event :
                    new ControlEvent[] {
                        Events.drift("v0001", "helpfulness", 2e-6, now - 5 * 60_000L),
                        Events.round(
                                "v0002",
                                RoundOutcome.PUBLISHED,
                                "published: candidate 0.68 vs live 0.61"),
                        Events.drift("v0002", null, 3e-5, now - 60_000L),
                        Events.round(
                                "v0003",
                                RoundOutcome.REJECTED,
                                "not published: candidate 0.55 vs live 0.64"),
                    }) {
                producer.send(new ProducerRecord<>(Topics.CONTROL.name(), LINEAGE, event));
            }
            producer.flush();
        }
    }

    /** 30 preferences over the last six minutes, and three dead-lettered feedback records. */
    private static void produceFeedback(long now) {
        try (KafkaProducer<String, PreferenceRecorded> producer =
                        new KafkaProducer<>(
                                settings.clientConfig(),
                                new StringSerializer(),
                                Topics.PREFERENCES
                                        .valueSerde(settings.serdeConfig())
                                        .serializer());
                KafkaProducer<byte[], byte[]> dlq =
                        new KafkaProducer<>(
                                settings.clientConfig(),
                                new ByteArraySerializer(),
                                new ByteArraySerializer())) {
            for (int i = 0; i < 30; i++) {
                PreferenceRecorded preference =
                        PreferenceRecorded.newBuilder()
                                .setFeedbackId("fb-" + i)
                                .setPrompt("prompt " + i)
                                .setChosen(RatedResponse.newBuilder().setText("good").build())
                                .setRejected(RatedResponse.newBuilder().setText("bad").build())
                                .setAnnotatorId("annotator-" + (i % 3))
                                .setSource("it")
                                .setCreatedAt(Instant.ofEpochMilli(now))
                                .build();
                long time = now - 6 * 60_000L + i * 12_000L;
                producer.send(
                        new ProducerRecord<>(
                                Topics.PREFERENCES.name(), null, time, "fb-" + i, preference));
            }
            for (int i = 0; i < 3; i++) {
                ProducerRecord<byte[], byte[]> rejected =
                        new ProducerRecord<>(
                                Topics.FEEDBACK_DLQ.name(),
                                null,
                                now - i * 60_000L,
                                null,
                                "{}".getBytes(StandardCharsets.UTF_8));
                rejected.headers()
                        .add(
                                DeadLetters.REASON,
                                "response text is empty".getBytes(StandardCharsets.UTF_8));
                dlq.send(rejected);
            }
            producer.flush();
            dlq.flush();
        }
    }
}
