package io.rewardloop.scorer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scorer on the service kit, through a real broker: every Kafka client gets the passed-through
 * properties, and the HTTP endpoint serves health openly and Micrometer's metrics behind a token.
 */
class ScorerEndpointIT {

    private static final String TOKEN = "it-token-0123456789abcdef";
    private static KafkaCluster kafka;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaClusters.startForTests();
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            TopicAdmin.createAll(admin, Topics.all(), (short) -1);
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldPassClientPropertiesToEveryClientAndServeMetricsBehindAToken() throws Exception {
        ScorerConfig config =
                ScorerConfig.from(
                        ConfigSource.of(
                                Map.of(
                                        "SCORER_HTTP_AUTH_TOKENS",
                                        TOKEN,
                                        "KAFKA_CLIENT_SECURITY_PROTOCOL",
                                        "PLAINTEXT"),
                                Map.of(
                                        "bootstrap.servers", kafka.bootstrapServers(),
                                        "scorer.instance.id", "endpoint-it",
                                        "scorer.http.port", "0",
                                        "scorer.http.bind", "127.0.0.1",
                                        "kafka.client.interceptor.classes",
                                                RecordingInterceptor.class.getName(),
                                        "kafka.client.client.rack", "rack-h1")));
        RecordingInterceptor.CONFIGS.clear();

        try (ScorerService scorer =
                ScorerService.start(
                        config,
                        (published, bytes) -> {
                            throw new IllegalStateException("no model in this test");
                        })) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(clientIds())
                                            .contains(
                                                    "endpoint-it-responses",
                                                    "endpoint-it-models",
                                                    "endpoint-it-rewards"));
            for (Map<String, Object> client : RecordingInterceptor.CONFIGS) {
                assertThat(client)
                        .as("client %s", client.get("client.id"))
                        .containsEntry("security.protocol", "PLAINTEXT")
                        .containsEntry("client.rack", "rack-h1")
                        .containsEntry("bootstrap.servers", kafka.bootstrapServers());
            }

            String base = "http://127.0.0.1:" + scorer.httpPort().orElseThrow();
            HttpResponse<String> health = get(base + "/health", null);
            HttpResponse<String> noToken = get(base + "/metrics", null);
            HttpResponse<String> metrics = get(base + "/metrics", "Bearer " + TOKEN);

            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"modelVersion\":\"none\"");
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("rlhf_scorer_records_scored_total 0.0")
                    .contains("rlhf_scorer_model_info{version=\"none\"} 1\n")
                    .contains("rlhf_scorer_queue_depth")
                    .contains("jvm_memory_used_bytes");
            assertThat(scorer.describe()).contains(base + "/health").contains("(bearer token)");
        }
    }

    private static Set<Object> clientIds() {
        return RecordingInterceptor.CONFIGS.stream()
                .map(c -> c.get("client.id"))
                .collect(Collectors.toSet());
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
