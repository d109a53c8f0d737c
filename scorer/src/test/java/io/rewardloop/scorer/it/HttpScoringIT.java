package io.rewardloop.scorer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.schemas.Topics;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import io.rewardloop.scorer.ScoringStep;
import io.rewardloop.scorer.http.ScoringApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scoring over HTTP against a real broker, a real model and real HTTP: OpenRLHF's request gets the
 * Kafka path's rewards, concurrent clients share forward passes, a full queue answers 429, auth on
 * and off, a model swap under load costs no error and every answer names its version, and recorded
 * pairs land on rlhf.responses and rlhf.rewards once.
 */
class HttpScoringIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "http-it-token-0123456789";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ScorerFixture fixture;
    private static ArtifactModelLoader loader;

    @BeforeAll
    static void start() throws Exception {
        ScorerFixture.trainModel();
        loader = new ArtifactModelLoader(BackboneCatalog.DEFAULT_BATCH_TOKENS);
        fixture = new ScorerFixture();
        fixture.publishModel("v0001");
    }

    @AfterAll
    static void stop() {
        loader.close();
        fixture.close();
    }

    private static ScorerService scorer(String instance, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("bootstrap.servers", fixture.bootstrap());
        props.put("scorer.instance.id", instance);
        props.put("scorer.group.id", instance);
        props.put("scorer.http.port", "0");
        props.put("scorer.http.bind", "127.0.0.1");
        ScorerService scorer =
                ScorerService.start(ScorerConfig.from(ConfigSource.of(Map.of(), props)), loader);
        await().atMost(Duration.ofSeconds(120)).until(() -> scorer.health().up());
        return scorer;
    }

    private static String base(ScorerService scorer) {
        return "http://127.0.0.1:" + scorer.httpPort().orElseThrow();
    }

    private static HttpRequest post(String url, String body, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** OpenRLHF's body: each query the prompt followed by the response. */
    private static String openRlhf(List<ResponseGenerated> responses) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode query = body.putArray("query");
        ArrayNode prompts = body.putArray("prompts");
        ArrayNode labels = body.putArray("labels");
        for (ResponseGenerated r : responses) {
            query.add(r.getPrompt() + r.getResponse());
            prompts.add(r.getPrompt());
            labels.add("");
        }
        return body.toString();
    }

    private static List<ResponseGenerated> responses(String prefix, int n) {
        List<ResponseGenerated> responses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            responses.add(ScorerFixture.response(prefix, i, prefix + "-prompt-" + (i / 5)));
        }
        return responses;
    }

    @Test
    void shouldGiveOpenRlhfsRequestTheRewardsOfTheKafkaPathWithoutAToken() throws Exception {
        try (ScorerService scorer = scorer("http-same", Map.of());
                ScorerFixture.RewardReader rewards = fixture.rewards()) {
            fixture.produceResponses("same", 0, 20);
            assertThat(
                            rewards.readUntil(
                                    r -> only(r, "same-").size() >= 20, Duration.ofSeconds(120)))
                    .isTrue();
            Map<String, RewardScored> kafka = new HashMap<>();
            only(rewards.records, "same-")
                    .forEach(r -> kafka.put(r.value().getResponseId().toString(), r.value()));

            HttpResponse<String> answer =
                    send(post(base(scorer) + "/get_reward", openRlhf(responses("same", 20)), null));

            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("rewards")).hasSize(20);
            String version = scorer.metrics().modelVersion();
            for (int i = 0; i < 20; i++) {
                RewardScored viaKafka = kafka.get("same-" + i);
                assertThat(viaKafka.getModelVersion()).isEqualTo(version);
                assertThat(body.get("rewards").get(i).asDouble())
                        .as("reward of same-%d", i)
                        .isCloseTo(viaKafka.getScore(), Offset.offset(1e-5));
                assertThat(body.get("modelVersions").get(i).asText()).isEqualTo(version);
            }
            assertThat(answer.headers().firstValue(ScoringApi.MODEL_VERSION_HEADER))
                    .hasValue(version);
            assertThat(body.has("responseIds")).as("recording is off").isFalse();
        }
    }

    @Test
    void shouldBatchConcurrentClientsAndSwapModelsUnderLoadWithoutAnError() throws Exception {
        try (ScorerService scorer = scorer("http-load", Map.of())) {
            String url = base(scorer) + "/v1/score";
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(16);
            for (int c = 0; c < 16; c++) {
                int client = c;
                clients.add(
                        CompletableFuture.runAsync(
                                () -> runClient(url, client, running, answered, problems, seen),
                                threads));
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> answered.get() >= 100);
            fixture.publishModel("v0002");
            await().atMost(Duration.ofSeconds(120)).until(() -> seen.contains("v0002"));
            int atSwap = answered.get();
            await().atMost(Duration.ofSeconds(120)).until(() -> answered.get() >= atSwap + 100);
            running.set(false);
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get();
            threads.shutdown();

            assertThat(problems).isEmpty();
            assertThat(seen).containsExactlyInAnyOrder("v0001", "v0002");
            String metrics =
                    send(HttpRequest.newBuilder(URI.create(base(scorer) + "/metrics")).build())
                            .body();
            double count = metric(metrics, "rlhf_scorer_http_batch_size_count");
            double sum = metric(metrics, "rlhf_scorer_http_batch_size_sum");
            assertThat(sum).isGreaterThanOrEqualTo(answered.get());
            assertThat(sum / count)
                    .as("pairs per forward pass: concurrent requests share passes")
                    .isGreaterThan(1.5);
        }
    }

    /**
     * One client: sequential one-pair requests until stopped; any non-200, a missing version, a
     * header that disagrees with the body, or a version older than one it already got is a problem.
     */
    private static void runClient(
            String url,
            int client,
            AtomicBoolean running,
            AtomicInteger answered,
            ConcurrentLinkedQueue<String> problems,
            Set<String> seen) {
        String last = "";
        for (int i = 0; running.get(); i++) {
            String body =
                    "{\"prompt\":\"Client "
                            + client
                            + ": how do I plan meals?\",\"response\":\"Answer "
                            + i
                            + ": plan simple meals with vegetables.\"}";
            try {
                HttpResponse<String> answer = send(post(url, body, null));
                if (answer.statusCode() != 200) {
                    problems.add(answer.statusCode() + " " + answer.body());
                    continue;
                }
                String version =
                        JSON.readTree(answer.body())
                                .get("results")
                                .get(0)
                                .get("modelVersion")
                                .asText();
                if (!answer.headers()
                        .firstValue(ScoringApi.MODEL_VERSION_HEADER)
                        .orElse("")
                        .equals(version)) {
                    problems.add("header disagrees with body: " + answer.headers());
                }
                if (version.compareTo(last) < 0) {
                    problems.add("client " + client + " went back from " + last + " to " + version);
                }
                last = version;
                seen.add(version);
                answered.incrementAndGet();
            } catch (Exception e) {
                problems.add(e.toString());
            }
        }
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenTheQueueIsFull() throws Exception {
        try (ScorerService scorer =
                scorer(
                        "http-full",
                        Map.of("scorer.http.queue.items", "8", "scorer.http.max.pairs", "8"))) {
            String body = openRlhf(responses("full", 8));
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int wave = 0;
                    wave < 5 && answers.stream().noneMatch(a -> a.statusCode() == 429);
                    wave++) {
                List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
                for (int r = 0; r < 32; r++) {
                    inFlight.add(
                            CLIENT.sendAsync(
                                    post(base(scorer) + "/get_reward", body, null),
                                    HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> answer : inFlight) {
                    answers.add(answer.get());
                }
            }

            List<HttpResponse<String>> refused =
                    answers.stream().filter(a -> a.statusCode() == 429).toList();
            assertThat(refused).isNotEmpty();
            assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(200, 429));
            HttpResponse<String> one = refused.get(0);
            assertThat(one.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(one.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(JSON.readTree(one.body()).get("detail").asText())
                    .contains("scorer.http.queue.items");
            assertThat(scorer.httpScoringMetrics().rejectedCount("queue_full"))
                    .isEqualTo(refused.size());
        }
    }

    @Test
    void shouldRequireATokenWhenConfiguredAndAnswerProblemsForBadRequests() throws Exception {
        try (ScorerService scorer =
                scorer(
                        "http-auth",
                        Map.of(
                                "scorer.http.auth.tokens",
                                TOKEN,
                                "scorer.http.max.body.bytes",
                                "4KiB"))) {
            String url = base(scorer) + "/get_reward";
            String good = openRlhf(responses("auth", 2));

            HttpResponse<String> noToken = send(post(url, good, null));
            HttpResponse<String> withToken = send(post(url, good, TOKEN));
            HttpResponse<String> tooLarge =
                    send(post(url, "{\"query\":[\"" + "x".repeat(5000) + "\"]}", TOKEN));
            HttpResponse<String> invalid =
                    send(
                            post(
                                    url,
                                    "{\"query\":[\"Hello there\",\"Q: a\"],"
                                            + "\"prompts\":[\"Bye\",\"Q:\"]}",
                                    TOKEN));

            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(withToken.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(withToken.body()).get("rewards")).hasSize(2);
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(invalid.statusCode()).isEqualTo(422);
            JsonNode errors = JSON.readTree(invalid.body()).get("errors");
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).get("pointer").asText()).isEqualTo("/query/0");
            assertThat(errors.get(0).get("detail").asText())
                    .contains("does not start with /prompts/0");
            assertThat(scorer.httpScoringMetrics().rejectedCount("too_large")).isEqualTo(1);
            assertThat(scorer.httpScoringMetrics().rejectedCount("invalid")).isEqualTo(1);
        }
    }

    @Test
    void shouldRecordHttpScoredPairsOnceOnResponsesAndRewards() throws Exception {
        try (ScorerService scorer = scorer("http-rec", Map.of("scorer.http.record", "true"));
                ScorerFixture.RewardReader rewards = fixture.rewards()) {
            String body =
                    "{\"pairs\":[{\"prompt\":\"How do I boil an egg?\",\"response\":\"Boil it"
                            + " for nine minutes.\",\"responseId\":\"rec-1\",\"promptId\":"
                            + "\"rec-p\",\"policyVersion\":\"policy-7\",\"rlhfRound\":3}]}";

            HttpResponse<String> answer = send(post(base(scorer) + "/v1/score", body, null));

            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode result = JSON.readTree(answer.body()).get("results").get(0);
            assertThat(result.get("responseId").asText()).isEqualTo("rec-1");
            assertThat(result.get("objectives").size()).isPositive();
            assertThat(rewards.readUntil(r -> !only(r, "rec-").isEmpty(), Duration.ofSeconds(60)))
                    .isTrue();
            RewardScored recorded = only(rewards.records, "rec-").get(0).value();
            assertThat(recorded.getScore()).isEqualTo(result.get("score").asDouble());
            assertThat(recorded.getPromptId()).isEqualTo("rec-p");
            assertThat(recorded.getPolicyVersion()).isEqualTo("policy-7");
            assertThat(recorded.getModelVersion()).isEqualTo(result.get("modelVersion").asText());
            List<ConsumerRecord<byte[], byte[]>> responses =
                    fixture.readToEnd(Topics.RESPONSES.name(), true).stream()
                            .filter(
                                    r ->
                                            r.headers().lastHeader(ScoringStep.SCORED_OVER_HTTP)
                                                    != null)
                            .toList();
            assertThat(responses).hasSize(1);

            // The Kafka loop passes the recorded response without scoring it again.
            fixture.awaitCaughtUp("http-rec", Duration.ofSeconds(120));
            fixture.produceResponses("after", 0, 1);
            fixture.awaitCaughtUp("http-rec", Duration.ofSeconds(120));
            assertThat(rewards.readUntil(r -> !only(r, "after-").isEmpty(), Duration.ofSeconds(60)))
                    .isTrue();
            assertThat(only(rewards.records, "rec-")).hasSize(1);
            assertThat(scorer.httpScoringMetrics().recordingErrorCount()).isZero();
        }
    }

    private static List<ConsumerRecord<String, RewardScored>> only(
            List<ConsumerRecord<String, RewardScored>> records, String prefix) {
        return records.stream()
                .filter(r -> r.value().getResponseId().toString().startsWith(prefix))
                .toList();
    }

    private static double metric(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("metric %s in %s", name, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
