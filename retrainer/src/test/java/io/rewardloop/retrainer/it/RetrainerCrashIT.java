package io.rewardloop.retrainer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.events.RoundFinished;
import io.rewardloop.events.RoundOutcome;
import io.rewardloop.retrainer.RetrainerConfig;
import io.rewardloop.retrainer.RetrainerService;
import io.rewardloop.retrainer.RoundSettings;
import io.rewardloop.retrainer.TriggerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader killed with SIGKILL in the middle of a round publishes nothing; the next one finishes
 * it.
 */
class RetrainerCrashIT {

    private static final String INSTANCE = "crash-it";

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir Path cache;

    @Test
    void shouldPublishNothingWhenKilledMidRoundAndCompleteTheRoundAfterARestart() throws Exception {
        try (RetrainerFixture fixture = new RetrainerFixture()) {
            fixture.sendPreferences(RetrainerFixture.pairs());
            RetrainerConfig config = fixture.config(INSTANCE, cache);
            RetrainerProcess child =
                    RetrainerProcess.start(
                            fixture.kafka.bootstrapServers(),
                            Map.of(
                                    RetrainerConfig.LINEAGE,
                                    RetrainerFixture.LINEAGE,
                                    RetrainerConfig.GROUP_ID,
                                    config.groupId(),
                                    RetrainerConfig.INSTANCE_ID,
                                    INSTANCE,
                                    RoundSettings.CACHE_DIR,
                                    cache.toString(),
                                    RoundSettings.MIN_EVAL_PAIRS,
                                    "10",
                                    RoundSettings.MIN_TRAIN_PAIRS,
                                    "20",
                                    // Long enough a stage 2 to be caught in it.
                                    RoundSettings.GATING_STEPS,
                                    "100000",
                                    TriggerSettings.FEEDBACK_COUNT,
                                    "0"));
            try {
                await().atMost(Duration.ofMinutes(2))
                        .ignoreExceptions()
                        .until(
                                () ->
                                        get(child.httpPort(), "/v1/rounds")
                                                .contains("\"role\":\"leader\""));
                post(child.httpPort());
                // Stage 2 (gating) has begun: the round is deep in training, nothing published yet.
                await().atMost(Duration.ofMinutes(3))
                        .until(() -> child.jvm().logTail().contains("stage 1 and debiasing took"));
                child.jvm().kill();
            } catch (RuntimeException | AssertionError e) {
                child.jvm().kill();
                throw new AssertionError("child retrainer log:\n" + child.jvm().logTail(), e);
            }
            assertThat(fixture.versions()).as("nothing published by the killed round").isEmpty();
            assertThat(fixture.roundsFinished()).isEmpty();

            try (RetrainerService restarted =
                    RetrainerService.start(config, ChannelConfig.defaults())) {
                await().atMost(Duration.ofMinutes(3))
                        .until(() -> !fixture.roundsFinished().isEmpty());
                List<RoundFinished> finished = fixture.roundsFinished();
                assertThat(finished).hasSize(1);
                assertThat(finished.get(0).getOutcome())
                        .as(finished.get(0).getReason())
                        .isEqualTo(RoundOutcome.PUBLISHED);
                assertThat(fixture.versions()).containsExactly("v0001");
            }
        }
    }

    private String get(int port, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private String post(int port) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + port
                                                        + RetrainerService.RETRAIN_PATH))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        return response.body();
    }
}
