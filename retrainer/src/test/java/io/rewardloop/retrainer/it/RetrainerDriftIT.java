package io.rewardloop.retrainer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.DriftDetector;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.retrainer.EmbeddingFeedSettings;
import io.rewardloop.retrainer.RetrainerService;
import io.rewardloop.retrainer.drift.DriftSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature feed through the real broker and the real backbone: the policy's responses move to
 * another subject on rlhf.responses, and the leader writes a DriftDetected naming the MMD test.
 */
class RetrainerDriftIT {

    private static final int WINDOW = 20;

    // pcaDims 8: the reference's PCA is fit on its first-window half (20 responses).
    private static final DriftSettings DRIFT =
            new DriftSettings(500, 0.001, 0.05, 30, 0.05, 100, 8, 250, 100, 0.95, 42L);

    // Every response, no rate cap worth the name, windows of 20, 3 bootstrap heads.
    private static final EmbeddingFeedSettings FEED =
            new EmbeddingFeedSettings(1.0, 1000, WINDOW, 3, 500);

    private final HttpClient http = HttpClient.newHttpClient();
    private RetrainerFixture fixture;
    private RetrainerService service;

    @TempDir Path cache;

    @BeforeEach
    void startBroker() {
        fixture = new RetrainerFixture();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        fixture.close();
    }

    @Test
    void shouldReportMmdDriftWhenThePolicysResponsesChangeSubject() throws Exception {
        List<PreferencePair> pairs = RetrainerFixture.pairs();
        fixture.sendPreferences(pairs);
        fixture.publishLive(pairs, "v0001");
        service =
                RetrainerService.start(
                        fixture.config("drift", cache, DRIFT, FEED, 2 * DRIFT.windowSize()),
                        ChannelConfig.defaults());
        await().atMost(Duration.ofSeconds(60)).until(() -> service.isLeader() && health() == 200);

        // The reference (two windows) and one more window like it: how-to answers.
        List<String[]> usual = new ArrayList<>();
        for (int i = 0; i < 3 * WINDOW; i++) {
            PreferencePair pair = pairs.get(i);
            usual.add(new String[] {pair.prompt(), i % 2 == 0 ? pair.chosen() : pair.rejected()});
        }
        fixture.sendResponses(usual, "usual");
        Instant shiftedFrom = Instant.now();
        List<String[]> shifted =
                IntStream.range(0, 2 * WINDOW)
                        .mapToObj(
                                i ->
                                        new String[] {
                                            "What did the markets do on day " + i + "?",
                                            "The index closed "
                                                    + (i % 7 + 1)
                                                    + " points lower as bond yields rose "
                                                    + (i % 5 + 2)
                                                    + " basis points in quarter "
                                                    + (i % 4 + 1)
                                                    + "."
                                        })
                        .toList();
        fixture.sendResponses(shifted, "shifted");

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !mmdAlarms().isEmpty());

        assertThat(mmdAlarms())
                .allSatisfy(
                        alarm -> {
                            assertThat(alarm.getModelVersion()).isEqualTo("v0001");
                            assertThat(alarm.getStatistic()).isGreaterThan(alarm.getThreshold());
                            assertThat(alarm.getPValue()).isLessThan(0.001);
                            assertThat(alarm.getReferenceSize()).isEqualTo(WINDOW);
                            assertThat(alarm.getLiveSize()).isEqualTo(WINDOW);
                            assertThat(alarm.getWindowEnd()).isAfterOrEqualTo(shiftedFrom);
                        });
    }

    private List<DriftDetected> mmdAlarms() {
        return fixture.control(DriftDetected.class).stream()
                .filter(d -> d.getDetector() == DriftDetector.EMBEDDING_MMD)
                .toList();
    }

    private int health() throws Exception {
        return http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + service.httpPort().orElseThrow()
                                                        + "/health"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
