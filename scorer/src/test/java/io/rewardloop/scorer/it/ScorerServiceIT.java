package io.rewardloop.scorer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.RewardScored;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.scorer.ArtifactModelLoader;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import io.rewardloop.scorer.VersionOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
        try (ScorerService scorer = ScorerService.start(config("swap-a", "swap"), loader);
                ScorerFixture.RewardReader rewards = fixture.rewards()) {
            fixture.produceResponses("swap", 0, 200);
            assertThat(rewards.readUntil(r -> ids(r, "swap-") >= 100, Duration.ofSeconds(120)))
                    .isTrue();
            fixture.publishModel("v0002");
            fixture.produceResponses("swap", 200, 400);
            assertThat(rewards.readUntil(r -> ids(r, "swap-") >= 400, Duration.ofSeconds(120)))
                    .isTrue();

            List<ConsumerRecord<String, RewardScored>> swap = only(rewards.records, "swap-");
            assertThat(swap).hasSize(400);
            assertThat(swap)
                    .extracting(r -> r.value().getModelVersion())
                    .contains("v0001", "v0002");
            Map<Integer, List<ConsumerRecord<String, RewardScored>>> byPartition =
                    swap.stream().collect(Collectors.groupingBy(ConsumerRecord::partition));
            byPartition.values().forEach(ScorerServiceIT::assertVersionsNeverGoBack);
            assertThat(scorer.metrics().deadLetterCount()).isZero();
            assertThat(scorer.metrics().modelVersion()).isEqualTo("v0002");
            assertThat(scorer.health().up()).isTrue();
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

    @Test
    void shouldDeadLetterPoisonRecordsAndKeepScoring() throws Exception {
        fixture.publishModel("v0004");
        try (ScorerService scorer = ScorerService.start(config("poison-a", "poison"), loader);
                ScorerFixture.RewardReader rewards = fixture.rewards()) {
            try (KafkaProducer<byte[], byte[]> raw =
                    new KafkaProducer<>(
                            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrap()),
                            new ByteArraySerializer(),
                            new ByteArraySerializer())) {
                raw.send(
                                new ProducerRecord<>(
                                        Topics.RESPONSES.name(),
                                        "k".getBytes(StandardCharsets.UTF_8),
                                        new byte[] {0x7f, 0x01}))
                        .get();
            }
            fixture.produceResponses("poison", 0, 20);
            assertThat(rewards.readUntil(r -> ids(r, "poison-") >= 20, Duration.ofSeconds(120)))
                    .isTrue();

            List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(1);
            assertThat(dead).hasSize(1);
            String reason =
                    new String(
                            dead.get(0).headers().lastHeader(DeadLetters.REASON).value(),
                            StandardCharsets.UTF_8);
            assertThat(reason).startsWith("undecodable: ").contains("rlhf.responses");
            assertThat(dead.get(0).value()).containsExactly(0x7f, 0x01);
            assertThat(scorer.metrics().deadLetterCount()).isEqualTo(1);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.RESPONSES.deadLetterTopic().orElseThrow()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
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
