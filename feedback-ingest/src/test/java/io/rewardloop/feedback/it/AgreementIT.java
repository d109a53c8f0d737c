package io.rewardloop.feedback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.feedback.FeedbackIngestService;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.feedback.agreement.AgreementStreams;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.service.KafkaSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/agreement} through real HTTP and the real broker: feedback posted to the ingest
 * reaches the agreement application through {@code rlhf.preferences} / {@code rlhf.ratings}, and
 * the figures on a small hand-computed case come back over HTTP.
 */
class AgreementIT {

    static final ObjectMapper JSON = new ObjectMapper();

    static KafkaCluster kafka;

    @TempDir Path stateDir;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startBroker() {
        kafka = KafkaClusters.startForTests();
        TopicAdmin.createAllOnSingleBroker(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldServeAgreementFiguresOfPostedFeedback() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String objective = "clarity-" + run;
        String a = "a-" + run;
        String b = "b-" + run;
        String c = "c-" + run;
        // Pair: a and b prefer X, c prefers Y -> 1 of 3 annotator pairs agree; c is against the
        // majority of the others. Ratings {0, .25} and {.5, .5} after rescaling -> alpha 8/11.
        String body =
                "{\"items\":["
                        + preference(a, "X", "Y", objective)
                        + ","
                        + preference(b, "X", "Y", objective)
                        + ","
                        + preference(c, "Y", "X", objective)
                        + ","
                        + rating(a, "R1", 1, objective)
                        + ","
                        + rating(b, "R1", 2, objective)
                        + ","
                        + rating(a, "R2", 3, objective)
                        + ","
                        + rating(b, "R2", 3, objective)
                        + "]}";
        try (FeedbackIngestService service = FeedbackIngestService.start(config("agree-" + run))) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> get(service, "/health").statusCode() == 200);
            HttpResponse<String> posted = post(service, body);
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(posted.body()).path("accepted").asInt()).isEqualTo(7);

            JsonNode figures =
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(200))
                            .until(
                                    () -> objective(service, objective),
                                    o ->
                                            o != null
                                                    && o.path("pairComparisons").asLong() == 3
                                                    && o.path("pairableRatings").asLong() == 4);
            assertThat(figures.path("pairs").asLong()).isEqualTo(1);
            assertThat(figures.path("pairAgreement").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
            assertThat(figures.path("ratedResponses").asLong()).isEqualTo(2);
            assertThat(figures.path("alpha").asDouble()).isCloseTo(8.0 / 11, within(1e-9));

            JsonNode report = JSON.readTree(get(service, AgreementStreams.AGREEMENT_PATH).body());
            JsonNode annotatorC = null;
            for (JsonNode annotator : report.path("annotators")) {
                if (annotator.path("annotator").asText().equals(c)) {
                    annotatorC = annotator;
                }
            }
            assertThat(annotatorC).isNotNull();
            assertThat(annotatorC.path("majorityComparisons").asLong()).isEqualTo(1);
            assertThat(annotatorC.path("majorityAgreement").asDouble()).isEqualTo(0.0);
        }
    }

    private JsonNode objective(FeedbackIngestService service, String name) throws Exception {
        HttpResponse<String> answer = get(service, AgreementStreams.AGREEMENT_PATH);
        if (answer.statusCode() != 200) {
            return null;
        }
        for (JsonNode objective : JSON.readTree(answer.body()).path("objectives")) {
            if (objective.path("objective").asText().equals(name)) {
                return objective;
            }
        }
        return null;
    }

    private static String preference(String annotator, String chosen, String rejected, String o) {
        return String.format(
                "{\"prompt\":\"P\",\"chosen\":\"%s\",\"rejected\":\"%s\",\"objective\":\"%s\","
                        + "\"annotatorId\":\"%s\"}",
                chosen, rejected, o, annotator);
    }

    private static String rating(String annotator, String response, int value, String o) {
        return String.format(
                "{\"prompt\":\"Q\",\"response\":\"%s\",\"ratings\":{\"%s\":%d},"
                        + "\"scales\":{\"%s\":[1,5]},\"annotatorId\":\"%s\"}",
                response, o, value, o, annotator);
    }

    private IngestConfig config(String app) {
        return IngestConfig.defaults(KafkaSettings.embedded(kafka.bootstrapServers()))
                .withStreams(app, stateDir.toString());
    }

    private HttpResponse<String> post(FeedbackIngestService service, String json) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/feedback"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(FeedbackIngestService service, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
