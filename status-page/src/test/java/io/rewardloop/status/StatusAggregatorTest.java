package io.rewardloop.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.events.RoundOutcome;
import io.rewardloop.status.StatusSnapshot.Agreement;
import io.rewardloop.status.StatusSnapshot.RewardPoint;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_700_000_040_000L; // a minute boundary
    private static final Agreement NONE = new Agreement("not configured", "-", null);

    private final StatusAggregator aggregator = new StatusAggregator("default", MINUTE, 10, 42);

    @Test
    void shouldSummariseRewardsPerBucketAndVersion() {
        for (int i = 0; i < 100; i++) {
            aggregator.onReward(Events.reward("a" + i, "v1", i, -i, 0.75), T0 + i * 100);
            aggregator.onReward(Events.reward("b" + i, "v2", 100 + i, 0, 0.25), T0 + MINUTE + i);
        }

        StatusSnapshot snapshot = aggregator.snapshot(T0, true, NONE);

        assertThat(snapshot.objectives()).containsExactlyElementsOf(Events.OBJECTIVES);
        assertThat(snapshot.rewards())
                .extracting(RewardPoint::start)
                .containsExactly(T0, T0 + MINUTE);
        RewardPoint first = snapshot.rewards().get(0);
        assertThat(first.count()).isEqualTo(100);
        assertThat(first.versions()).isEqualTo(Map.of("v1", 100L));
        var helpfulness = first.objectives().get("helpfulness");
        assertThat(helpfulness.reward().p50()).isCloseTo(49.5, within(1e-9));
        assertThat(helpfulness.reward().p10()).isCloseTo(9.9, within(1e-9));
        assertThat(helpfulness.reward().p90()).isCloseTo(89.1, within(1e-9));
        assertThat(helpfulness.gatingWeight()).isCloseTo(0.75, within(1e-12));
        assertThat(first.objectives().get("harmlessness").gatingWeight())
                .isCloseTo(0.25, within(1e-12));
        assertThat(first.score().mean()).isCloseTo(0.5 * 49.5, within(1e-9));
        assertThat(snapshot.rewards().get(1).versions()).isEqualTo(Map.of("v2", 100L));
        assertThat(snapshot.totals()).containsEntry("rewards", 200L);
    }

    @Test
    void shouldStayBoundedOverALongHistory() {
        for (int i = 0; i < 50_000; i++) {
            aggregator.onReward(
                    Events.reward("r" + i, "v" + (i / 1000), i, i, 0.5), T0 + i * 1000L);
            aggregator.onPreference(T0 + i * 1000L);
        }

        StatusSnapshot snapshot = aggregator.snapshot(T0, true, NONE);

        assertThat(snapshot.rewards()).hasSize(10);
        assertThat(snapshot.feedback()).hasSize(10);
        assertThat(snapshot.rewards().get(9).start()).isEqualTo(T0 + 49_999_000L / MINUTE * MINUTE);
        assertThat(snapshot.totals()).containsEntry("rewards", 50_000L);
        // the newest minute holds the last 20 records (one a second)
        assertThat(snapshot.feedback().get(9).preferences()).isEqualTo(20);
    }

    @Test
    void shouldCountFeedbackAndBoundRejectionReasons() {
        aggregator.onPreference(T0);
        aggregator.onPreference(T0 + 1);
        aggregator.onRating(T0 + 2);
        for (int i = 0; i < StatusAggregator.REASONS_KEPT + 5; i++) {
            aggregator.onRejected("reason " + i, T0 + 3);
        }
        aggregator.onRejected("reason 0", T0 + 4);
        aggregator.onRejected("x".repeat(1000), T0 + 5);

        StatusSnapshot snapshot = aggregator.snapshot(T0, true, NONE);

        assertThat(snapshot.feedback()).hasSize(1);
        var bucket = snapshot.feedback().get(0);
        assertThat(bucket.preferences()).isEqualTo(2);
        assertThat(bucket.ratings()).isEqualTo(1);
        assertThat(bucket.rejected()).isEqualTo(StatusAggregator.REASONS_KEPT + 7);
        assertThat(snapshot.rejections()).hasSize(StatusAggregator.REASONS_KEPT + 1);
        assertThat(snapshot.rejections().get(0).reason()).isIn("reason 0", "other");
        assertThat(snapshot.rejections())
                .filteredOn(r -> r.reason().equals("other"))
                .singleElement()
                .satisfies(r -> assertThat(r.count()).isEqualTo(6));
        assertThat(snapshot.rejections())
                .allSatisfy(
                        r ->
                                assertThat(r.reason().length())
                                        .isLessThanOrEqualTo(StatusAggregator.REASON_CHARS));
    }

    @Test
    void shouldKeepDriftAndRoundsOfItsLineageOnly() {
        aggregator.onControl("default", Events.drift("v1", "helpfulness", 1e-5, T0 + 5), T0);
        aggregator.onControl("other-lineage", Events.drift("v9", null, 1e-9, T0), T0);
        aggregator.onControl(
                "default", Events.round("v2", RoundOutcome.PUBLISHED, "better"), T0 + 1);
        aggregator.onControl("default", Events.round("v3", RoundOutcome.REJECTED, "worse"), T0 + 2);

        StatusSnapshot snapshot = aggregator.snapshot(T0, true, NONE);

        assertThat(snapshot.drift())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.test()).isEqualTo("REWARD_KS/helpfulness");
                            assertThat(d.pValue()).isEqualTo(1e-5);
                            assertThat(d.time()).isEqualTo(T0 + 5);
                        });
        assertThat(snapshot.rounds())
                .extracting(r -> r.candidateVersion())
                .containsExactly("v3", "v2");
        assertThat(snapshot.rounds().get(0).metrics()).doesNotContainKey("broken");
        assertThat(snapshot.totals()).containsEntry("control", 3L);
    }

    @Test
    void shouldKeepOnlyTheNewestRounds() {
        for (int i = 0; i < StatusAggregator.ROUNDS_KEPT + 10; i++) {
            aggregator.onControl(
                    "default", Events.round("v" + i, RoundOutcome.FAILED, "few"), T0 + i);
        }

        StatusSnapshot snapshot = aggregator.snapshot(T0, true, NONE);

        assertThat(snapshot.rounds()).hasSize(StatusAggregator.ROUNDS_KEPT);
        assertThat(snapshot.rounds().get(0).candidateVersion())
                .isEqualTo("v" + (StatusAggregator.ROUNDS_KEPT + 9));
    }

    @Test
    void shouldWriteValidJsonWithoutNanWhenEmpty() throws Exception {
        aggregator.onReward(Events.reward("a", "v1", Double.NaN, Double.NaN, Double.NaN), T0);

        String json = new ObjectMapper().writeValueAsString(aggregator.snapshot(T0, false, NONE));
        JsonNode tree = new ObjectMapper().readTree(json);

        assertThat(json).doesNotContain("NaN");
        assertThat(tree.get("rewards").get(0).get("score").get("p50").isNull()).isTrue();
        assertThat(tree.get("agreement").get("state").asText()).isEqualTo("not configured");
        assertThat(tree.get("caughtUp").asBoolean()).isFalse();
    }
}
