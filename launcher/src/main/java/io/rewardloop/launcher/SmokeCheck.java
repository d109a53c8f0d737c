package io.rewardloop.launcher;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.schemas.CleanupPolicy;
import io.rewardloop.schemas.Topic;
import io.rewardloop.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Round-trips one record of every event type through the cluster with the registry's own serdes:
 * serialize, produce, read back at the offset the broker returned, deserialize, compare. Records
 * carry the header {@value #SMOKE_HEADER} so services can tell them apart; on compacted topics a
 * tombstone follows, so the sample does not outlive compaction.
 */
final class SmokeCheck implements AutoCloseable {

    /** Header on every smoke record. */
    static final String SMOKE_HEADER = "rlhf.smoke";

    private final Map<String, Object> serdeConfig;
    private final Duration timeout;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;

    /** The outcome for one sample. */
    record Result(String topic, String eventType, boolean passed, String detail, Duration took) {}

    private SmokeCheck(KafkaSettings kafka, Duration timeout) {
        this.serdeConfig = kafka.serdeConfig();
        this.timeout = timeout;
        Map<String, Object> producerConfig = kafka.clientConfig();
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer =
                new KafkaProducer<>(
                        producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = kafka.clientConfig();
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The record is there already: a long fetch wait only delays the metadata request queued
        // behind it on the connection.
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        this.consumer =
                new KafkaConsumer<>(
                        consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Round-trips a sample of every event topic (dead-letter topics, which carry raw bytes, are
     * skipped).
     *
     * @param kafka the cluster, the serdes' settings and the client properties passed through
     * @param topics the registry's topics
     * @param timeout how long one sample may take
     * @return one result per sample, in topic order
     */
    static List<Result> run(KafkaSettings kafka, Collection<Topic<?, ?>> topics, Duration timeout) {
        Set<String> deadLetterTopics =
                topics.stream()
                        .flatMap(t -> t.deadLetterTopic().stream())
                        .collect(Collectors.toSet());
        List<Result> results = new ArrayList<>();
        try (SmokeCheck check = new SmokeCheck(kafka, timeout)) {
            for (Topic<?, ?> topic : topics) {
                if (!deadLetterTopics.contains(topic.name())) {
                    results.addAll(check.roundTripAll(topic));
                }
            }
        }
        return results;
    }

    private <K, V> List<Result> roundTripAll(Topic<K, V> topic) {
        String id = "smoke-" + UUID.randomUUID();
        List<V> samples;
        try {
            samples = SampleEvents.of(topic.valueType(), id);
        } catch (IllegalArgumentException e) {
            return List.of(failed(topic, topic.valueType().getSimpleName(), e, System.nanoTime()));
        }
        List<Result> results = new ArrayList<>();
        for (V sample : samples) {
            results.add(roundTrip(topic, SampleEvents.key(topic.keyType(), id), sample));
        }
        return results;
    }

    private <K, V> Result roundTrip(Topic<K, V> topic, K key, V value) {
        String type = eventType(value);
        long started = System.nanoTime();
        try (Serde<K> keySerde = topic.keySerde(serdeConfig);
                Serde<V> valueSerde = topic.valueSerde(serdeConfig)) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(SMOKE_HEADER, "true".getBytes(StandardCharsets.UTF_8));
            byte[] keyBytes = keySerde.serializer().serialize(topic.name(), headers, key);
            byte[] valueBytes = valueSerde.serializer().serialize(topic.name(), headers, value);
            RecordMetadata sent = send(topic.name(), keyBytes, valueBytes, headers);
            ConsumerRecord<byte[], byte[]> back = readAt(sent);
            K keyBack =
                    keySerde.deserializer().deserialize(topic.name(), back.headers(), back.key());
            V valueBack =
                    valueSerde
                            .deserializer()
                            .deserialize(topic.name(), back.headers(), back.value());
            if (topic.cleanupPolicy() == CleanupPolicy.COMPACT) {
                send(topic.name(), keyBytes, null, headers);
            }
            boolean same = Objects.deepEquals(key, keyBack) && Objects.deepEquals(value, valueBack);
            String detail =
                    same
                            ? "partition " + sent.partition() + ", offset " + sent.offset()
                            : "read back a different record: " + valueBack;
            return new Result(topic.name(), type, same, detail, since(started));
        } catch (Exception e) {
            return failed(topic, type, e, started);
        }
    }

    private RecordMetadata send(String topic, byte[] key, byte[] value, RecordHeaders headers)
            throws Exception {
        return producer.send(new ProducerRecord<>(topic, null, key, value, headers))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the record at exactly the offset the broker assigned, however busy the topic is. */
    private ConsumerRecord<byte[], byte[]> readAt(RecordMetadata sent) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        consumer.assign(List.of(partition));
        consumer.seek(partition, sent.offset());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.offset() == sent.offset()) {
                    return r;
                }
            }
        }
        throw new IllegalStateException(
                "record at "
                        + partition
                        + " offset "
                        + sent.offset()
                        + " not read within "
                        + timeout);
    }

    private static String eventType(Object value) {
        if (value instanceof ControlEvent control) {
            return "ControlEvent/" + control.getPayload().getClass().getSimpleName();
        }
        return value instanceof byte[] ? "raw feedback (bytes)" : value.getClass().getSimpleName();
    }

    private static Result failed(Topic<?, ?> topic, String type, Exception e, long started) {
        String detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        return new Result(topic.name(), type, false, detail, since(started));
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        producer.close(timeout);
        consumer.close();
    }
}
