package io.rewardloop.feedback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.feedback.FeedbackIngestService;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.feedback.agreement.AgreementApi;
import io.rewardloop.service.KafkaSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/agreement} through real HTTP and the real broker: feedback posted to the ingest
 * reaches the agreement application through {@code rlhf.preferences} / {@code rlhf.ratings}, and
 * the figures on a small hand-computed case come back over HTTP.
 */
class AgreementIT {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Units of each kind in the two-instance case: enough to land on every partition. */
    static final int UNITS = 20;

    @RegisterExtension static final BrokerWithTopics kafka = new BrokerWithTopics();

    @TempDir Path stateDir;

    private final HttpClient client = HttpClient.newHttpClient();

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

            JsonNode report = JSON.readTree(get(service, AgreementApi.PATH).body());
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

    @Test
    void shouldAnswerTheWholeApplicationsFiguresOnEveryInstance() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // A fixed objective: the units' keys, and so their partitions, are the same every run.
        String objective = "spread";
        String app = "agree-two-" + run;
        // UNITS pair units, each: a and b prefer X, c prefers Y (1 agreeing of 3 comparisons; c
        // never with the others' majority). UNITS rated responses {0, .25} and UNITS {.5, .5}:
        // n = 4 UNITS values, n D_o = .125 UNITS, S = 1.25 UNITS, Q = .5625 UNITS, n D_e =
        // 2 (n Q - S^2) / (n - 1) = 1.375 UNITS^2 / (4 UNITS - 1), so
        // alpha = 1 - (4 UNITS - 1) / (11 UNITS).
        List<String> items = new ArrayList<>();
        for (int u = 0; u < UNITS; u++) {
            String prompt = "P" + u;
            items.add(preference("a", prompt, "X", "Y", objective));
            items.add(preference("b", prompt, "X", "Y", objective));
            items.add(preference("c", prompt, "Y", "X", objective));
            items.add(rating("a", "R" + u, 1, objective));
            items.add(rating("b", "R" + u, 2, objective));
            items.add(rating("a", "S" + u, 3, objective));
            items.add(rating("b", "S" + u, 3, objective));
        }
        int half = items.size() / 2;
        try (FeedbackIngestService one =
                        FeedbackIngestService.start(config(app, stateDir.resolve("one")));
                FeedbackIngestService two =
                        FeedbackIngestService.start(config(app, stateDir.resolve("two")))) {
            for (FeedbackIngestService service : List.of(one, two)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> get(service, "/health").statusCode() == 200);
            }
            assertThat(accepted(post(one, batch(items.subList(0, half))))).isEqualTo(half);
            assertThat(accepted(post(two, batch(items.subList(half, items.size())))))
                    .isEqualTo(items.size() - half);

            JsonNode fromOne = awaitAllUnits(one, objective);
            JsonNode fromTwo = awaitAllUnits(two, objective);
            assertThat(fromOne.path("pairs").asLong()).isEqualTo(UNITS);
            assertThat(fromOne.path("pairAgreement").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
            assertThat(fromOne.path("ratedResponses").asLong()).isEqualTo(2 * UNITS);
            assertThat(fromOne.path("alpha").asDouble())
                    .isCloseTo(1 - (4.0 * UNITS - 1) / (11.0 * UNITS), within(1e-12));
            // The same figures to the last digit, and the whole reports equal.
            assertThat(fromTwo).isEqualTo(fromOne);
            assertThat(JSON.readTree(get(two, AgreementApi.PATH).body()))
                    .isEqualTo(JSON.readTree(get(one, AgreementApi.PATH).body()));
            JsonNode annotatorC = annotator(JSON.readTree(get(two, AgreementApi.PATH).body()), "c");
            assertThat(annotatorC.path("majorityComparisons").asLong()).isEqualTo(UNITS);
            assertThat(annotatorC.path("majorityAgreement").asDouble()).isEqualTo(0.0);

            // Each instance holds only some of the units: the figures above needed both.
            long localOne = localPairs(one, objective);
            long localTwo = localPairs(two, objective);
            assertThat(localOne + localTwo).isEqualTo(UNITS);
            assertThat(localOne).isBetween(1L, UNITS - 1L);
        }
    }

    private JsonNode awaitAllUnits(FeedbackIngestService service, String objective) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> objective(service, objective),
                        o ->
                                o != null
                                        && o.path("pairComparisons").asLong() == 3L * UNITS
                                        && o.path("pairableRatings").asLong() == 4L * UNITS);
    }

    private long localPairs(FeedbackIngestService service, String objective) throws Exception {
        HttpResponse<String> local = get(service, AgreementApi.PATH + "?scope=local");
        assertThat(local.statusCode()).isEqualTo(200);
        return JSON.readTree(local.body())
                .path("objectives")
                .path(objective)
                .path("pairs")
                .asLong();
    }

    private static JsonNode annotator(JsonNode report, String id) {
        for (JsonNode annotator : report.path("annotators")) {
            if (annotator.path("annotator").asText().equals(id)) {
                return annotator;
            }
        }
        throw new AssertionError("no annotator " + id + " in " + report);
    }

    private static int accepted(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("accepted").asInt();
    }

    private static String batch(List<String> items) {
        return "{\"items\":[" + String.join(",", items) + "]}";
    }

    private JsonNode objective(FeedbackIngestService service, String name) throws Exception {
        HttpResponse<String> answer = get(service, AgreementApi.PATH);
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
        return preference(annotator, "P", chosen, rejected, o);
    }

    private static String preference(
            String annotator, String prompt, String chosen, String rejected, String o) {
        return String.format(
                "{\"prompt\":\"%s\",\"chosen\":\"%s\",\"rejected\":\"%s\",\"objective\":\"%s\","
                        + "\"annotatorId\":\"%s\"}",
                prompt, chosen, rejected, o, annotator);
    }

    private static String rating(String annotator, String response, int value, String o) {
        return String.format(
                "{\"prompt\":\"Q\",\"response\":\"%s\",\"ratings\":{\"%s\":%d},"
                        + "\"scales\":{\"%s\":[1,5]},\"annotatorId\":\"%s\"}",
                response, o, value, o, annotator);
    }

    private IngestConfig config(String app) {
        return config(app, stateDir);
    }

    private static IngestConfig config(String app, Path dir) {
        return IngestConfig.defaults(KafkaSettings.embedded(kafka.bootstrapServers()))
                .withStreams(app, dir.toString());
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
