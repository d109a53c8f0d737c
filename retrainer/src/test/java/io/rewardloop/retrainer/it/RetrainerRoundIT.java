package io.rewardloop.retrainer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelCatalog;
import io.rewardloop.events.RoundFinished;
import io.rewardloop.events.RoundOutcome;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.retrainer.RetrainerService;
import io.rewardloop.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rounds through the real broker and the real backbone: published, rejected, one leader. */
class RetrainerRoundIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<RetrainerService> services = new ArrayList<>();
    private RetrainerFixture fixture;

    @TempDir Path cache;

    @BeforeEach
    void startBroker() {
        fixture = new RetrainerFixture();
    }

    @AfterEach
    void stop() {
        services.forEach(RetrainerService::close);
        fixture.close();
    }

    @Test
    void shouldPublishAGoodCandidateFromOneLeaderWhileTheOtherStandsBy() throws Exception {
        fixture.sendPreferences(RetrainerFixture.pairs());
        RetrainerService a = start("a");
        RetrainerService b = start("b");
        await().atMost(Duration.ofSeconds(60)).until(() -> a.isLeader() || b.isLeader());
        RetrainerService leader = a.isLeader() ? a : b;
        RetrainerService standby = a.isLeader() ? b : a;
        assertThat(standby.isLeader()).isFalse();

        HttpResponse<String> asked = post(standby, "{\"reason\": \"first round\"}");
        assertThat(asked.statusCode()).isEqualTo(202);
        assertThat(asked.body()).contains("requestId");

        await().atMost(Duration.ofMinutes(3)).until(() -> !fixture.roundsFinished().isEmpty());
        RoundFinished finished = fixture.roundsFinished().get(0);
        assertThat(finished.getOutcome())
                .as(finished.getReason())
                .isEqualTo(RoundOutcome.PUBLISHED);
        assertThat(asked.body()).contains(finished.getRequestId());
        assertThat(fixture.versions()).containsExactly("v0001");
        var record =
                ModelCatalog.read(fixture.settings, ChannelConfig.defaults())
                        .live(RetrainerFixture.LINEAGE)
                        .orElseThrow()
                        .record();
        assertThat(record.getMetrics())
                .containsEntry("data.pairs.total", 96.0)
                .containsEntry("data.pairs.train", 76.0)
                .containsEntry("data.pairs.heldout", 20.0)
                .containsKeys(
                        "candidate.heldout.accuracy",
                        "live.heldout.accuracy",
                        "lineage.request.offset",
                        "offsets.rlhf.preferences-0.last");
        assertThat(record.getMetrics().get("candidate.heldout.accuracy")).isGreaterThan(0.8);
        assertThat(get(leader, "/v1/rounds").body()).contains("\"outcome\":\"PUBLISHED\"");
        assertThat(get(standby, "/v1/rounds").body())
                .contains("\"role\":\"standby\"")
                .contains("\"finished\":[]");
    }

    @Test
    void shouldKeepTheLeaderWhenAnotherInstanceJoinsLater() throws Exception {
        RetrainerService first = start("b");
        await().atMost(Duration.ofSeconds(60)).until(first::isLeader);
        // "a" sorts before "b": the range assignor handed it the partition on the rebalance.
        RetrainerService later = start("a");
        String group = fixture.config("a", cache).groupId();
        try (Admin admin = Admin.create(fixture.settings.clientConfig())) {
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                var described =
                                        admin.describeConsumerGroups(List.of(group))
                                                .all()
                                                .get()
                                                .get(group);
                                return described.groupState() == GroupState.STABLE
                                        && described.members().size() == 2;
                            });
        }
        assertThat(first.isLeader()).isTrue();
        assertThat(later.isLeader()).isFalse();
    }

    @Test
    void shouldRejectACandidateThatIsWorseThanTheLiveModelAndSayWhy() throws Exception {
        List<PreferencePair> pairs = RetrainerFixture.pairs();
        fixture.publishLive(pairs, "v0007");
        // The older 80% (what the candidate trains on) are mislabelled; the newest 20% are right.
        List<PreferencePair> feedback =
                new ArrayList<>(RetrainerFixture.flipped(pairs.subList(0, 76)));
        feedback.addAll(pairs.subList(76, 96));
        fixture.sendPreferences(feedback);
        RetrainerService only = start("only");
        await().atMost(Duration.ofSeconds(60)).until(only::isLeader);

        assertThat(post(only, "").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofMinutes(3)).until(() -> !fixture.roundsFinished().isEmpty());
        RoundFinished finished = fixture.roundsFinished().get(0);
        assertThat(finished.getOutcome()).isEqualTo(RoundOutcome.REJECTED);
        assertThat(finished.getReason())
                .startsWith("not published: candidate")
                .contains("vs the live model")
                .contains("20 newest held-out pairs");
        assertThat(finished.getCandidateVersion()).isEqualTo("v0008");
        assertThat(finished.getParentVersion()).isEqualTo("v0007");
        assertThat(finished.getMetrics().get("live.heldout.accuracy"))
                .isGreaterThan(finished.getMetrics().get("candidate.heldout.accuracy"));
        assertThat(fixture.versions()).containsExactly("v0007");
    }

    @Test
    void shouldAnswerABadRequestWithAFieldError() throws Exception {
        RetrainerService only = start("only");
        HttpResponse<String> bad = post(only, "{\"reason\": 5}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("/reason");
        assertThat(post(only, "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldEndAsSoonAsTheFeedbackReaderDiesThoughTheRoundLoopRuns() throws Exception {
        try (Admin admin = Admin.create(fixture.settings.clientConfig())) {
            admin.deleteTopics(List.of(Topics.RATINGS.name())).all().get();
            // Gone from the broker's metadata too, so the reader cannot start on stale partitions
            // (it would then only warn on every fetch, and never die).
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !admin.listTopics().names().get().contains(Topics.RATINGS.name()));
        }
        RetrainerService only = start("only");
        Thread waiter =
                new Thread(
                        () -> {
                            try {
                                only.awaitTermination();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        waiter.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> !waiter.isAlive());
        // The reader's error names the missing topic or only the timed-out offset lookup, as the
        // client happens to fail first; either way the service ends with it.
        assertThat(only.failure()).isPresent();
    }

    private RetrainerService start(String id) {
        RetrainerService service =
                RetrainerService.start(fixture.config(id, cache), ChannelConfig.defaults());
        services.add(service);
        return service;
    }

    private HttpResponse<String> post(RetrainerService service, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(service, RetrainerService.RETRAIN_PATH))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(RetrainerService service, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(service, path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(RetrainerService service, String path) {
        return URI.create("http://127.0.0.1:" + service.httpPort().orElseThrow() + path);
    }
}
