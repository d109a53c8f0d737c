package io.rewardloop.reliability;

import io.rewardloop.service.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from its beginning on its own thread for as long as the scenario runs (through
 * broker outages), and counts every record by an id taken from it: read_committed, what the tests
 * account with, and when each id first arrived; read_uncommitted, what aborted transactions left
 * behind too.
 */
final class TopicWatch implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Function<ConsumerRecord<byte[], byte[]>, String> idOf;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    /**
     * Starts reading.
     *
     * @param kafka the cluster
     * @param topic the topic
     * @param committed read_committed, else read_uncommitted
     * @param idOf the id a record counts under, or null for a record not counted
     */
    TopicWatch(
            KafkaSettings kafka,
            String topic,
            boolean committed,
            Function<ConsumerRecord<byte[], byte[]>, String> idOf) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                committed ? "read_committed" : "read_uncommitted");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 17 * 1024 * 1024);
        this.consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.idOf = idOf;
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::readUntilClosed, "watch-" + topic);
        reader.setDaemon(true);
        reader.start();
    }

    private void readUntilClosed() {
        while (running.get()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                String id = idOf.apply(record);
                if (id != null) {
                    counts.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
                    firstSeen.putIfAbsent(id, Instant.now());
                }
            }
        }
        consumer.close();
    }

    /** How many times each id was read so far. */
    Map<String, Long> counts() {
        return counts.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    /** How many records were counted. */
    long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Whether every one of these ids has been read. */
    boolean hasAll(Collection<String> ids) {
        return counts.keySet().containsAll(ids);
    }

    /** The first moment after {@code from} at which a new id arrived. */
    Optional<Instant> firstArrivalAfter(Instant from) {
        return firstSeen.values().stream().filter(t -> t.isAfter(from)).min(Instant::compareTo);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(10_000);
    }
}
