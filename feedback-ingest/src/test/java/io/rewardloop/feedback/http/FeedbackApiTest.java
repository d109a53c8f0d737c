package io.rewardloop.feedback.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rewardloop.feedback.FeedbackIndex;
import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.service.KafkaSettings;
import io.rewardloop.service.ServiceMetrics;
import io.rewardloop.service.http.HealthStatus;
import io.rewardloop.service.http.HttpService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API over a {@link MockProducer} that acknowledges only when told: the answer waits for
 * the broker's acknowledgement, and a failed send is a 503, never a 201.
 */
class FeedbackApiTest {

    private static final String ITEM =
            "{\"prompt\":\"P\",\"chosen\":\"A\",\"rejected\":\"B\",\"annotatorId\":\"a\"}";

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final PrometheusMeterRegistry registry = ServiceMetrics.newRegistry();
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpService http;

    @BeforeEach
    void start() {
        http =
                FeedbackApi.start(
                        IngestConfig.defaults(KafkaSettings.embedded("localhost:1")),
                        producer,
                        FeedbackIndex.NONE,
                        registry,
                        () -> HealthStatus.up("test"));
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void shouldAnswerOnlyAfterTheBrokerAcknowledged() throws Exception {
        CompletableFuture<HttpResponse<String>> answer = post(ITEM);

        await().until(() -> producer.history().size() == 1);
        assertThat(answer).isNotDone();
        producer.completeNext();

        assertThat(answer.get(20, SECONDS).statusCode()).isEqualTo(201);
        assertThat(new String(producer.history().get(0).value(), StandardCharsets.UTF_8))
                .contains("\"kind\":\"preference\"");
    }

    @Test
    void shouldAnswer503WhenTheBrokerDidNotAcknowledge() throws Exception {
        CompletableFuture<HttpResponse<String>> single = post(ITEM);
        await().until(() -> producer.history().size() == 1);
        producer.errorNext(new TimeoutException("no broker"));

        CompletableFuture<HttpResponse<String>> batch =
                post("{\"items\":[" + ITEM + "," + ITEM.replace("\"B\"", "\"C\"") + "]}");
        await().until(() -> producer.history().size() == 3);
        producer.completeNext();
        producer.errorNext(new TimeoutException("no broker"));

        assertThat(single.get(20, SECONDS).statusCode()).isEqualTo(503);
        assertThat(batch.get(20, SECONDS).statusCode()).isEqualTo(503);
        JsonNode body = FeedbackJson.MAPPER.readTree(batch.get(20, SECONDS).body());
        assertThat(body.get("results").get(0).get("status").textValue()).isEqualTo("accepted");
        assertThat(body.get("results").get(1).get("status").textValue()).isEqualTo("unavailable");
        assertThat(registry.scrape())
                .contains(
                        "rlhf_feedback_rejected_total{channel=\"http\",reason=\"unavailable\"} 2.0");
    }

    @Test
    void shouldRefuseAnItemTooLargeForOneRecordWithoutSendingIt() throws Exception {
        // 100,000 four-byte characters per text: each within the text limit, 1.2 MB together.
        String emoji = "\uD83D\uDE00";
        String item =
                "{\"prompt\":\"%s\",\"chosen\":\"%s\",\"rejected\":\"%sB\",\"annotatorId\":\"a\"}"
                        .formatted(
                                emoji.repeat(100_000), emoji.repeat(100_000), emoji.repeat(99_999));

        HttpResponse<String> response = post(item).get(20, SECONDS);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("as a record, over the limit of 1000000");
        assertThat(producer.history()).isEmpty();
    }

    private CompletableFuture<HttpResponse<String>> post(String json) {
        return client.sendAsync(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + http.port() + "/v1/preferences"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
