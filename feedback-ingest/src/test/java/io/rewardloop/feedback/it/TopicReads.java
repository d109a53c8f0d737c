package io.rewardloop.feedback.it;

import static org.awaitility.Awaitility.await;

import io.rewardloop.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what the ingest wrote, as its consumers would, for assertions. */
final class TopicReads {

    private TopicReads() {}

    /**
     * Every record key of a topic, from the beginning to the end offsets at the call.
     *
     * @param committed read_committed (what consumers see) or read_uncommitted (aborted too)
     */
    static List<String> keys(String bootstrap, String topic, boolean committed) {
        return records(bootstrap, topic, committed).stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .toList();
    }

    /**
     * Every record of a topic, from the beginning to the end offsets at the call.
     *
     * @param committed read_committed (what consumers see) or read_uncommitted (aborted too)
     */
    static List<ConsumerRecord<byte[], byte[]>> records(
            String bootstrap, String topic, boolean committed) {
        Map<String, Object> props = KafkaSettings.embedded(bootstrap).clientConfig();
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                committed ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                                return parts.stream()
                                        .allMatch(p -> consumer.position(p) >= ends.get(p));
                            });
        }
        return records;
    }

    /**
     * Where a topic's transactions stand, summed over its partitions.
     *
     * @param stable offsets below the last stable offsets: committed (or aborted) transactions
     * @param open offsets between the last stable offsets and the high watermarks: records a
     *     producer sent in a transaction it has not committed or aborted yet
     */
    record Transactions(long stable, long open) {}

    /** Where a topic's transactions stand now. */
    static Transactions transactions(Admin admin, String topic)
            throws InterruptedException, ExecutionException {
        long stable = sum(offsets(admin, topic, IsolationLevel.READ_COMMITTED));
        return new Transactions(
                stable, sum(offsets(admin, topic, IsolationLevel.READ_UNCOMMITTED)) - stable);
    }

    /** The end offset of every partition of a topic, as a consumer of this isolation sees it. */
    static Map<TopicPartition, Long> offsets(Admin admin, String topic, IsolationLevel isolation)
            throws InterruptedException, ExecutionException {
        int partitions =
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic)
                        .partitions()
                        .size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(isolation))
                .all()
                .get()
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
