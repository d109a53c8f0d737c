package io.rewardloop.scorer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.channel.VersionOrder;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.RewardScored;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.schemas.Topics;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In-process scorer instances against a real broker (a fresh one per test, so no test sees
 * another's records or models): live model swap, scale-out, poison records.
 */
class ScorerServiceIT {

    private static ArtifactModelLoader loader;
    private ScorerFixture fixture;

    @BeforeAll
    static void trainAndLoad() throws Exception {
        ScorerFixture.trainModel();
        loader = new ArtifactModelLoader(BackboneCatalog.DEFAULT_BATCH_TOKENS);
    }

    @AfterAll
    static void closeLoader() {
        loader.close();
    }

    @BeforeEach
    void startBroker() {
        fixture = new ScorerFixture();
    }

    @AfterEach
    void stopBroker() {
        fixture.close();
    }

    private ScorerConfig config(String instance, String group) {
        return ScorerConfig.from(
                ConfigSource.of(
                        Map.of(),
                        Map.of(
                                "bootstrap.servers",
                                fixture.bootstrap(),
                                "scorer.instance.id",
                                instance,
                                "scorer.group.id",
                                group,
                                "scorer.http.port",
                                "0")));
    }

    @Test
    void shouldSwitchModelVersionMidStreamWithoutGapsOrGoingBackwards() throws Exception {
        fixture.publishModel("v0001");
        int sent = 0;
        try (ScorerService scorer = ScorerService.start(config("swap-a", "swap"), loader);
                ScorerFixture.ResponseWriter writer = fixture.responseWriter();
                ScorerFixture.RewardReader rewards = fixture.rewards()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> scorer.health().up());
            // A steady stream, 10 responses every 100 ms, before, during and after the swap.
            long swapSeenAt = 0;
            CompletableFuture<Void> publishing = null;
            for (int chunk = 0; chunk < 600; chunk++) {
                writer.send("swap", sent, sent + 10);
                sent += 10;
                if (chunk == 10) {
                    publishing =
                            CompletableFuture.runAsync(
                                    () -> {
                                        try {
                                            fixture.publishModel("v0002");
                                        } catch (Exception e) {
                                            throw new IllegalStateException(e);
                                        }
                                    });
                }
                if (swapSeenAt == 0 && "v0002".equals(scorer.metrics().modelVersion())) {
                    swapSeenAt = chunk;
                }
                if (swapSeenAt > 0 && chunk >= swapSeenAt + 10) {
                    break;
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            publishing.get();
            assertThat(swapSeenAt)
                    .as("the scorer swapped to v0002 while the stream ran")
                    .isPositive();
            int total = sent;
            assertThat(rewards.readUntil(r -> ids(r, "swap-") >= total, Duration.ofSeconds(120)))
                    .isTrue();

            List<ConsumerRecord<String, RewardScored>> swap = only(rewards.records, "swap-");
            assertThat(swap).as("every response once").hasSize(total);
            assertThat(swap)
                    .extracting(r -> r.value().getModelVersion())
                    .contains("v0001", "v0002");
            Map<Integer, List<ConsumerRecord<String, RewardScored>>> byPartition =
                    swap.stream().collect(Collectors.groupingBy(ConsumerRecord::partition));
            byPartition.values().forEach(ScorerServiceIT::assertVersionsNeverGoBack);
            assertThat(scorer.metrics().deadLetterCount()).isZero();
            assertThat(scorer.metrics().modelVersion()).isEqualTo("v0002");
            assertThat(scorer.health().up()).isTrue();

            SwapGap gap = SwapGap.of(swap);
            System.out.printf(
                    "live swap: %d responses, largest gap between rewards around the swap %d ms,"
                            + " median gap elsewhere %d ms%n",
                    total, gap.aroundSwapMs(), gap.medianMs());
            assertThat(gap.aroundSwapMs())
                    .as("scoring does not stall while the new version loads")
                    .isLessThan(5_000);
        }
    }

    @Test
    void shouldShareThePartitionsBetweenTwoInstancesAndScoreEachResponseOnce() throws Exception {
        fixture.publishModel("v0003");
        try (ScorerService a = ScorerService.start(config("scale-a", "scale"), loader);
                ScorerService b = ScorerService.start(config("scale-b", "scale"), loader);
                ScorerFixture.RewardReader rewards = fixture.rewards()) {
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(
                            () -> {
                                assertThat(a.assignedPartitions())
                                        .as("instance a's partitions")
                                        .isNotEmpty();
                                assertThat(b.assignedPartitions())
                                        .as("instance b's partitions")
                                        .isNotEmpty();
                                assertThat(
                                                a.assignedPartitions().size()
                                                        + b.assignedPartitions().size())
                                        .isEqualTo(Topics.RESPONSES.partitions());
                            });
            fixture.produceResponses("scale", 0, 300);
            assertThat(rewards.readUntil(r -> ids(r, "scale-") >= 300, Duration.ofSeconds(180)))
                    .isTrue();
            rewards.readUntil(r -> false, Duration.ofSeconds(2));

            assertThat(only(rewards.records, "scale-")).hasSize(300);
            assertThat(a.metrics().scoredCount()).as("instance a scored").isPositive();
            assertThat(b.metrics().scoredCount()).as("instance b scored").isPositive();
            assertThat(a.metrics().scoredCount() + b.metrics().scoredCount()).isEqualTo(300);
        }
    }

    private static void assertVersionsNeverGoBack(
            List<ConsumerRecord<String, RewardScored>> partition) {
        for (int i = 1; i < partition.size(); i++) {
            String before = partition.get(i - 1).value().getModelVersion();
            String after = partition.get(i).value().getModelVersion();
            assertThat(VersionOrder.INSTANCE.compare(after, before))
                    .as(
                            "partition %d offset %d: %s after %s",
                            partition.get(i).partition(), partition.get(i).offset(), after, before)
                    .isGreaterThanOrEqualTo(0);
        }
    }

    /** The largest time between two consecutive rewards within 3 s of the first v0002 reward. */
    private record SwapGap(long aroundSwapMs, long medianMs) {
        static SwapGap of(List<ConsumerRecord<String, RewardScored>> rewards) {
            List<ConsumerRecord<String, RewardScored>> byTime = new ArrayList<>(rewards);
            byTime.sort(Comparator.comparing(r -> r.value().getScoredAt()));
            Instant swap =
                    byTime.stream()
                            .filter(r -> r.value().getModelVersion().equals("v0002"))
                            .findFirst()
                            .orElseThrow()
                            .value()
                            .getScoredAt();
            long around = 0;
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < byTime.size(); i++) {
                Instant before = byTime.get(i - 1).value().getScoredAt();
                Instant after = byTime.get(i).value().getScoredAt();
                long gap = Duration.between(before, after).toMillis();
                if (gap == 0) {
                    continue; // same batch
                }
                gaps.add(gap);
                if (Duration.between(after, swap).abs().toSeconds() < 3
                        || Duration.between(before, swap).abs().toSeconds() < 3) {
                    around = Math.max(around, gap);
                }
            }
            gaps.sort(Comparator.naturalOrder());
            return new SwapGap(around, gaps.isEmpty() ? 0 : gaps.get(gaps.size() / 2));
        }
    }

    private static List<ConsumerRecord<String, RewardScored>> only(
            List<ConsumerRecord<String, RewardScored>> records, String prefix) {
        return records.stream()
                .filter(r -> r.value().getResponseId().startsWith(prefix))
                .collect(Collectors.toList());
    }

    private static long ids(List<ConsumerRecord<String, RewardScored>> records, String prefix) {
        return records.stream()
                .map(r -> r.value().getResponseId())
                .filter(id -> id.startsWith(prefix))
                .distinct()
                .count();
    }
}
