package io.rewardloop.schemas;

import static org.awaitility.Awaitility.await;

import io.rewardloop.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Produces with the registry's serdes and consumes what was produced after a mark, so tests that
 * share a broker and its topics only see their own records.
 */
final class KafkaTestIo {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private KafkaTestIo() {}

    /** Where each partition of the topics ends now: read from here to see only newer records. */
    static Map<TopicPartition, Long> mark(KafkaCluster cluster, Collection<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = bytesConsumer(cluster, Map.of())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic, TIMEOUT)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            return consumer.endOffsets(partitions, TIMEOUT);
        }
    }

    /** Sends one record with the topic's own serdes and waits for the broker's acknowledgement. */
    static <K, V> RecordMetadata send(
            KafkaCluster cluster, Topic<K, V> topic, Map<String, ?> serdeConfig, K key, V value) {
        Serde<K> keys = topic.keySerde(serdeConfig);
        Serde<V> values = topic.valueSerde(serdeConfig);
        try (KafkaProducer<K, V> producer =
                new KafkaProducer<>(
                        producerProps(cluster), keys.serializer(), values.serializer())) {
            return producer.send(new ProducerRecord<>(topic.name(), key, value))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not produce to " + topic.name(), e);
        }
    }

    /** Sends raw records and waits for the broker's acknowledgements. */
    static List<RecordMetadata> sendRaw(
            KafkaCluster cluster, List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        producerProps(cluster),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            List<RecordMetadata> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                acks.add(producer.send(record).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            return acks;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not produce raw records", e);
        }
    }

    /** Consumes raw records after the mark until {@code expected} arrived. */
    static List<ConsumerRecord<byte[], byte[]>> consumeRaw(
            KafkaCluster cluster, Map<TopicPartition, Long> mark, int expected) {
        return consume(cluster, mark, expected, Map.of(), new ByteArrayDeserializer());
    }

    /** Consumes after the mark until {@code expected} records arrived, decoding values. */
    static <V> List<ConsumerRecord<byte[], V>> consume(
            KafkaCluster cluster,
            Map<TopicPartition, Long> mark,
            int expected,
            Map<String, Object> extraProps,
            Deserializer<V> values) {
        Properties props = consumerProps(cluster, extraProps);
        try (KafkaConsumer<byte[], V> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), values)) {
            return pollUntil(consumer, mark, expected);
        }
    }

    /** Like {@link #consume}, with deserializers that Kafka creates from class-name configs. */
    static <V> List<ConsumerRecord<byte[], V>> consumeConfiguredByKafka(
            KafkaCluster cluster,
            Map<TopicPartition, Long> mark,
            int expected,
            Map<String, Object> props) {
        try (KafkaConsumer<byte[], V> consumer =
                new KafkaConsumer<>(consumerProps(cluster, props))) {
            return pollUntil(consumer, mark, expected);
        }
    }

    private static <V> List<ConsumerRecord<byte[], V>> pollUntil(
            KafkaConsumer<byte[], V> consumer, Map<TopicPartition, Long> mark, int expected) {
        List<ConsumerRecord<byte[], V>> records = new ArrayList<>();
        consumer.assign(mark.keySet());
        mark.forEach(consumer::seek);
        await().atMost(TIMEOUT)
                .pollInSameThread()
                .until(
                        () -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                            return records.size() >= expected;
                        });
        return records;
    }

    static KafkaConsumer<byte[], byte[]> bytesConsumer(
            KafkaCluster cluster, Map<String, Object> extraProps) {
        return new KafkaConsumer<>(
                consumerProps(cluster, extraProps),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static Properties producerProps(KafkaCluster cluster) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static Properties consumerProps(KafkaCluster cluster, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putAll(extra);
        return props;
    }
}
