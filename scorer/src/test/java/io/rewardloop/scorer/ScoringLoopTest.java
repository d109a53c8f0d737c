package io.rewardloop.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ModelHolder;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DecodeFailure;
import io.rewardloop.schemas.serde.EventDecodingException;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.scorer.metrics.ScorerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scoring loop against Kafka's {@code MockConsumer} and {@code MockProducer} (see {@link
 * MockKafka}): abort and rewind, fencing, a commit whose outcome is unknown, mid-batch revocation,
 * transient failures, and the fault injection point.
 */
class ScoringLoopTest {

    private static final Map<String, String> SERDE = Map.of("schema.registry.url", "embedded");
    private static final TopicPartition P0 = new TopicPartition(Topics.RESPONSES.name(), 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.RESPONSES.name(), 1);

    private final Serializer<ResponseGenerated> responses =
            Topics.RESPONSES.valueSerde(SERDE).serializer();
    private final Deserializer<RewardScored> rewards =
            Topics.REWARDS.valueSerde(SERDE).deserializer();
    private final RecordDecoder<ResponseGenerated> decoder =
            RecordDecoder.forValues(Topics.RESPONSES, SERDE);
    private final MockKafka.LogConsumer consumer = new MockKafka.LogConsumer();
    private final List<MockKafka.BrokerProducer> producers = new CopyOnWriteArrayList<>();
    private final List<String> transactionalIds = new CopyOnWriteArrayList<>();
    private final ScorerMetrics metrics = new ScorerMetrics();
    private ScoringLoop loop;
    private Thread thread;

    @AfterEach
    void stopLoop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(10_000);
        }
    }

    @Test
    void shouldAbortRewindAndRetryAFailedTransactionThenCommitEveryRecordOnce() {
        append(P0, "a", 3);
        append(P1, "b", 3);
        start(Map.of(), decoder::decode, producer -> producer.failNextSendOffsets(timeout()));
        assignBoth();

        awaitCommitted(6);
        MockKafka.BrokerProducer only = producers.get(0);
        assertThat(only.aborts).as("the failed transaction was aborted").isEqualTo(1);
        assertThat(producers).as("an aborted producer is kept").hasSize(1);
        assertThat(scoredIds()).containsExactlyInAnyOrder("a-0", "a-1", "a-2", "b-0", "b-1", "b-2");
        assertThat(consumer.committed(java.util.Set.of(P0, P1)))
                .containsEntry(P0, new OffsetAndMetadata(3))
                .containsEntry(P1, new OffsetAndMetadata(3));
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void shouldMoveToAFreshTransactionalIdWhenFencedAndNotPingPong() {
        append(P0, "a", 4);
        start(Map.of(), decoder::decode, producer -> {});
        // Another instance initializes our transactional id while we gather the first batch.
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
        consumer.schedulePollTask(() -> producers.get(0).fenceProducer());

        awaitCommitted(4);
        assertThat(transactionalIds).hasSize(2);
        assertThat(transactionalIds.get(0)).isEqualTo("rlhf-scorer-loop-a");
        assertThat(transactionalIds.get(1))
                .startsWith("rlhf-scorer-loop-a-")
                .isNotEqualTo(transactionalIds.get(0));
        assertThat(producers.get(0).history()).as("nothing committed by the fenced one").isEmpty();
        assertThat(scoredIds()).containsExactlyInAnyOrder("a-0", "a-1", "a-2", "a-3");
        assertThat(loop.isConsuming()).as("a fenced instance keeps scoring").isTrue();

        append(P0, "late", 2);
        awaitCommitted(6);
        assertThat(transactionalIds).as("no further switching").hasSize(2);
    }

    @Test
    void shouldResumeFromTheCommittedOffsetsWhenACommitTimedOutAfterLanding() {
        append(P0, "a", 3);
        start(Map.of(), decoder::decode, producer -> producer.landThenTimeOutNextCommit());
        assignBoth();

        await().atMost(Duration.ofSeconds(10)).until(() -> producers.size() == 2);
        append(P0, "b", 1);
        awaitCommitted(4);
        assertThat(scoredIds()).containsExactlyInAnyOrder("a-0", "a-1", "a-2", "b-0");
        assertThat(transactionalIds)
                .as("a timeout is not fencing: same transactional id")
                .containsExactly("rlhf-scorer-loop-a", "rlhf-scorer-loop-a");
    }

    @Test
    void shouldNotProduceRecordsOfAPartitionRevokedWhileTheBatchIsGathered() {
        append(P0, "lost", 3);
        append(P1, "kept", 3);
        start(Map.of("scorer.batch.max.wait", "500"), decoder::decode, producer -> {});
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
        consumer.scheduleNopPollTask(); // returns the six records
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));

        awaitCommitted(3);
        assertThat(scoredIds()).containsExactlyInAnyOrder("kept-0", "kept-1", "kept-2");
        List<Map<TopicPartition, OffsetAndMetadata>> commits =
                producers.get(0).consumerGroupOffsetsHistory().stream()
                        .flatMap(byGroup -> byGroup.values().stream())
                        .collect(Collectors.toList());
        assertThat(commits).allSatisfy(offsets -> assertThat(offsets).doesNotContainKey(P0));
        assertThat(loop.assignedPartitions()).containsExactly(P1);
    }

    @Test
    void shouldRetryARecordTheRegistryCouldNotResolveInsteadOfDeadLetteringIt() {
        append(P0, "a", 3);
        AtomicInteger unavailable = new AtomicInteger(2);
        Function<ConsumerRecord<byte[], byte[]>, ResponseGenerated> flaky =
                record -> {
                    if (record.offset() == 1 && unavailable.getAndDecrement() > 0) {
                        throw new EventDecodingException(
                                record.topic(),
                                DecodeFailure.SCHEMA_REGISTRY_UNAVAILABLE,
                                "Schema Registry unavailable while resolving schema id 7",
                                null);
                    }
                    return decoder.decode(record);
                };
        start(Map.of(), flaky, producer -> {});
        assignBoth();

        awaitCommitted(3);
        assertThat(unavailable.get())
                .as("both failures were met, then it was retried")
                .isNegative();
        assertThat(deadLetters()).isEmpty();
        assertThat(metrics.deadLetterCount()).isZero();
        assertThat(scoredIds()).containsExactlyInAnyOrder("a-0", "a-1", "a-2");
    }

    @Test
    void shouldKeepScoringAfterARecordWhoseDecodingThrowsAnError() {
        append(P0, "a", 3);
        Function<ConsumerRecord<byte[], byte[]>, ResponseGenerated> deep =
                record -> {
                    if (record.offset() == 1) {
                        throw new StackOverflowError("nested too deep");
                    }
                    return decoder.decode(record);
                };
        start(Map.of(), deep, producer -> {});
        assignBoth();

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().size() == 1);
        awaitCommitted(2);
        assertThat(scoredIds()).containsExactlyInAnyOrder("a-0", "a-2");
        assertThat(deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.value()).isEqualTo(consumer.valueAt(P0, 1)));
    }

    @Test
    void shouldReachTheFaultInjectionPointAfterTheSendsAndBeforeTheCommit() {
        append(P0, "a", 2);
        List<Integer> uncommittedAtHalt = new ArrayList<>();
        List<Integer> flushesAtHalt = new ArrayList<>();
        List<Map<TopicPartition, OffsetAndMetadata>> offsetsAtHalt = new ArrayList<>();
        FaultInjection faults =
                new FaultInjection(
                        1,
                        status -> {
                            MockKafka.BrokerProducer p = producers.get(0);
                            uncommittedAtHalt.add(p.uncommittedRecords().size());
                            flushesAtHalt.add(p.flushes);
                            offsetsAtHalt.addAll(p.uncommittedOffsets().values());
                            assertThat(status).isEqualTo(LoopSettings.HALT_STATUS);
                        });
        start(Map.of(), decoder::decode, producer -> {}, faults);
        assignBoth();

        awaitCommitted(2);
        assertThat(uncommittedAtHalt).as("both rewards sent, not committed").containsExactly(2);
        assertThat(flushesAtHalt).as("flushed to the broker before halting").containsExactly(1);
        assertThat(offsetsAtHalt)
                .as("the batch's offsets sent to the transaction")
                .containsExactly(Map.of(P0, new OffsetAndMetadata(2)));
    }

    private void start(
            Map<String, String> settings,
            Function<ConsumerRecord<byte[], byte[]>, ResponseGenerated> decode,
            java.util.function.Consumer<MockKafka.BrokerProducer> firstProducer) {
        start(settings, decode, firstProducer, new FaultInjection(0, status -> {}));
    }

    private void start(
            Map<String, String> settings,
            Function<ConsumerRecord<byte[], byte[]>, ResponseGenerated> decode,
            java.util.function.Consumer<MockKafka.BrokerProducer> firstProducer,
            FaultInjection faults) {
        Map<String, String> properties = new HashMap<>();
        properties.put("scorer.instance.id", "loop-a");
        properties.put("scorer.batch.max.wait", "20");
        properties.put("scorer.retry.backoff.initial", "1");
        properties.put("scorer.retry.backoff.max", "20");
        properties.putAll(settings);
        ScorerConfig config = ScorerConfig.from(ConfigSource.of(Map.of(), properties));
        ScoringStep step =
                new ScoringStep(
                        config,
                        decode,
                        Topics.REWARDS.valueSerde(SERDE).serializer(),
                        Clock.systemUTC());
        ModelHolder models = new ModelHolder();
        models.offer(new StubScorer("v1"));
        loop =
                new ScoringLoop(
                        config,
                        consumer,
                        id -> {
                            MockKafka.BrokerProducer producer =
                                    new MockKafka.BrokerProducer(consumer);
                            if (producers.isEmpty()) {
                                firstProducer.accept(producer);
                            }
                            producers.add(producer);
                            transactionalIds.add(id);
                            return producer;
                        },
                        step,
                        models,
                        metrics,
                        faults);
        thread = new Thread(loop, "scoring-loop-test");
        thread.start();
    }

    private void assignBoth() {
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
    }

    private void awaitCommitted(int rewardCount) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(committed(Topics.REWARDS.name())).hasSize(rewardCount));
    }

    private List<ProducerRecord<byte[], byte[]>> committed(String topic) {
        return producers.stream()
                .flatMap(p -> p.history().stream())
                .filter(r -> r.topic().equals(topic))
                .collect(Collectors.toList());
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetters() {
        return committed(Topics.RESPONSES.deadLetterTopic().orElseThrow());
    }

    private List<String> scoredIds() {
        return committed(Topics.REWARDS.name()).stream()
                .map(r -> rewards.deserialize(r.topic(), r.value()).getResponseId().toString())
                .collect(Collectors.toList());
    }

    private void append(TopicPartition partition, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            ResponseGenerated response =
                    ResponseGenerated.newBuilder()
                            .setResponseId(prefix + "-" + i)
                            .setPromptId("p-" + prefix)
                            .setPrompt("What is RLHF?")
                            .setResponse("answer " + i)
                            .setPolicyVersion("policy-1")
                            .setRlhfRound(1)
                            .setCreatedAt(Instant.parse("2026-11-22T10:00:00Z"))
                            .setMetadata(new HashMap<>())
                            .setMessages(new ArrayList<>())
                            .build();
            consumer.append(partition, responses.serialize(partition.topic(), response));
        }
    }

    private static TimeoutException timeout() {
        return new TimeoutException("Timeout expired after 60000ms while awaiting AddOffsetsToTxn");
    }
}
