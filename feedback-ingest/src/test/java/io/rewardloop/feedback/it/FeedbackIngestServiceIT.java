package io.rewardloop.feedback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.feedback.FeedbackIngestService;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service through real HTTP and the real broker: an accepted item becomes one event, a
 * retry is answered {@code duplicate} from the Streams index (also after a restart on an empty
 * state directory), other content under the same id is a 409.
 */
class FeedbackIngestServiceIT {

    static final String ITEM =
            "{\"feedbackId\":\"svc-1\",\"prompt\":\"Capital of France?\",\"chosen\":\"Paris\","
                    + "\"rejected\":\"Lyon\",\"annotatorId\":\"ann\"}";

    @RegisterExtension static final BrokerWithTopics kafka = new BrokerWithTopics();

    @TempDir Path stateDir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void shouldAnswerRetriesAsDuplicatesBeforeAndAfterARestart() throws Exception {
        String app = "ingest-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (FeedbackIngestService service = FeedbackIngestService.start(config(app, "one"))) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> get(service.baseUrl() + "/health").statusCode() == 200);

            HttpResponse<String> first = post(service, ITEM);
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(first.body()).contains("svc-1").contains("accepted");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> service.index().contentHash("svc-1").isPresent());
            HttpResponse<String> retry = post(service, ITEM);
            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).contains("duplicate");
            assertThat(post(service, ITEM.replace("Lyon", "Nice")).statusCode()).isEqualTo(409);
        }

        try (FeedbackIngestService again = FeedbackIngestService.start(config(app, "two"))) {
            // The index comes back from the changelog, not from this (empty) state directory.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> again.index().contentHash("svc-1").isPresent());
            HttpResponse<String> retry = post(again, ITEM);
            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).contains("duplicate");
        }
        assertThat(preferenceKeys()).filteredOn("svc-1"::equals).hasSize(1);
    }

    @Test
    void shouldRecordFeedbackPostedToTwoInstancesOnce() throws Exception {
        String app = "ingest-two-" + UUID.randomUUID().toString().substring(0, 8);
        String item = ITEM.replace("svc-1", "svc-2");
        try (FeedbackIngestService one = FeedbackIngestService.start(config(app, "a"));
                FeedbackIngestService two = FeedbackIngestService.start(config(app, "b"))) {
            // Both may answer 201 before either index knows the id: the topology keeps one.
            assertThat(post(one, item).statusCode()).isIn(200, 201);
            assertThat(post(two, item).statusCode()).isIn(200, 201);
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    one.index().contentHash("svc-2").isPresent()
                                            && two.index().contentHash("svc-2").isPresent());
            assertThat(post(one, item).body()).contains("duplicate");
            assertThat(post(two, item).body()).contains("duplicate");
            assertThat(post(two, item.replace("Lyon", "Nice")).statusCode()).isEqualTo(409);
            await().atMost(Duration.ofSeconds(30)).until(() -> preferenceKeys().contains("svc-2"));
        }
        assertThat(preferenceKeys()).filteredOn("svc-2"::equals).hasSize(1);
    }

    private IngestConfig config(String app, String dir) {
        return IngestConfig.defaults(KafkaSettings.embedded(kafka.bootstrapServers()))
                .withStreams(app, stateDir.resolve(dir).toString());
    }

    private HttpResponse<String> post(FeedbackIngestService service, String json) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/preferences"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every key on rlhf.preferences, read_committed, to the end offsets. */
    private List<String> preferenceKeys() {
        return TopicReads.keys(kafka.bootstrapServers(), Topics.PREFERENCES.name(), true);
    }
}
