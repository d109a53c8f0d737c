package io.rewardloop.schemas;

import io.rewardloop.schemas.serde.AvroEventSerde;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One Kafka topic as a value: its name, the Java types of its keys and values, its default
 * partition count, its cleanup policy and the dead-letter topic its poison records go to.
 *
 * <p>The serdes follow from the types: Avro-generated classes ({@link SpecificRecord}) get an
 * {@link AvroEventSerde}; {@code String}, {@code byte[]} and Kafka's other built-in types get
 * Kafka's serde. Call sites read {@code Consumed.with(RESPONSES.keySerde(config),
 * RESPONSES.valueSerde(config))}.
 *
 * @param name the topic name, e.g. {@code rlhf.responses}
 * @param keyType the Java type of record keys
 * @param valueType the Java type of record values
 * @param partitions the partition count used when the topic is created
 * @param cleanupPolicy delete or compact
 * @param deadLetterTopic where records that cannot be processed go, if anywhere
 * @param maxMessageBytes the topic's {@code max.message.bytes}, when it needs more than the
 *     broker's default (checked as a minimum on a topic that already exists)
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
        String name,
        Class<K> keyType,
        Class<V> valueType,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Optional<String> deadLetterTopic,
        OptionalInt maxMessageBytes) {

    /**
     * Validates the components: a non-blank name, at least one partition, supported types.
     *
     * @param name the topic name
     * @param keyType the Java type of record keys
     * @param valueType the Java type of record values
     * @param partitions the partition count, at least 1
     * @param cleanupPolicy delete or compact
     * @param deadLetterTopic the dead-letter topic, if any
     * @param maxMessageBytes the topic's {@code max.message.bytes}, if not the broker's default
     */
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(maxMessageBytes, "maxMessageBytes");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "topic " + name + " needs at least one partition, got " + partitions);
        }
        if (maxMessageBytes.isPresent() && maxMessageBytes.getAsInt() < 1) {
            throw new IllegalArgumentException(
                    "topic "
                            + name
                            + " needs a positive max.message.bytes, got "
                            + maxMessageBytes);
        }
        serdeFor(keyType).close();
        serdeFor(valueType).close();
    }

    /**
     * A topic with the broker's default {@code max.message.bytes}.
     *
     * @param name the topic name
     * @param keyType the Java type of record keys
     * @param valueType the Java type of record values
     * @param partitions the partition count, at least 1
     * @param cleanupPolicy delete or compact
     * @param deadLetterTopic the dead-letter topic, if any
     */
    public Topic(
            String name,
            Class<K> keyType,
            Class<V> valueType,
            int partitions,
            CleanupPolicy cleanupPolicy,
            Optional<String> deadLetterTopic) {
        this(
                name,
                keyType,
                valueType,
                partitions,
                cleanupPolicy,
                deadLetterTopic,
                OptionalInt.empty());
    }

    /**
     * A new, unconfigured key serde. Kafka configures it when it is named in client config;
     * otherwise call {@code configure(config, true)}, as with Confluent's {@code KafkaAvroSerde}.
     *
     * @return a new serde instance
     */
    public Serde<K> keySerde() {
        return serdeFor(keyType);
    }

    /**
     * A new, unconfigured value serde; configure it with {@code configure(config, false)}.
     *
     * @return a new serde instance
     */
    public Serde<V> valueSerde() {
        return serdeFor(valueType);
    }

    /**
     * A new key serde, configured as a key serde.
     *
     * @param serdeConfig serde settings, e.g. {@code schema.registry.url}
     * @return the configured serde
     */
    public Serde<K> keySerde(Map<String, ?> serdeConfig) {
        Serde<K> serde = keySerde();
        serde.configure(serdeConfig, true);
        return serde;
    }

    /**
     * A new value serde, configured as a value serde.
     *
     * @param serdeConfig serde settings, e.g. {@code schema.registry.url}
     * @return the configured serde
     */
    public Serde<V> valueSerde(Map<String, ?> serdeConfig) {
        Serde<V> serde = valueSerde();
        serde.configure(serdeConfig, false);
        return serde;
    }

    /**
     * This topic with another partition count, e.g. from a deployment's configuration.
     *
     * @param count the partition count
     * @return a copy with that count
     */
    public Topic<K, V> withPartitions(int count) {
        return new Topic<>(
                name, keyType, valueType, count, cleanupPolicy, deadLetterTopic, maxMessageBytes);
    }

    /**
     * This topic with a larger (or smaller) {@code max.message.bytes} than the broker's default.
     *
     * @param bytes the largest record batch the topic accepts
     * @return a copy with that limit
     */
    public Topic<K, V> withMaxMessageBytes(int bytes) {
        return new Topic<>(
                name,
                keyType,
                valueType,
                partitions,
                cleanupPolicy,
                deadLetterTopic,
                OptionalInt.of(bytes));
    }

    @SuppressWarnings("unchecked") // the serde is built for exactly this type
    private static <T> Serde<T> serdeFor(Class<T> type) {
        if (SpecificRecord.class.isAssignableFrom(type)) {
            return (Serde<T>) new AvroEventSerde<>(type.asSubclass(SpecificRecord.class));
        }
        return Serdes.serdeFrom(type);
    }
}
