package io.rewardloop.schemas.serde;

import io.rewardloop.schemas.Topic;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes the value of a raw record and, when that fails, throws an {@link EventDecodingException}
 * that names the record's topic, partition and offset. Services consume {@code byte[]} and decode
 * through this, so a poison record can be routed to its dead-letter topic (see {@link DeadLetters})
 * instead of stopping the consumer.
 *
 * @param <V> the decoded value type
 */
public final class RecordDecoder<V> {

    private final Deserializer<V> deserializer;

    /**
     * Creates a decoder around a configured deserializer.
     *
     * @param deserializer e.g. {@code Topics.RESPONSES.valueSerde(config).deserializer()}
     */
    public RecordDecoder(Deserializer<V> deserializer) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    }

    /**
     * A decoder for a topic's values.
     *
     * @param topic the topic, e.g. {@code Topics.RESPONSES}
     * @param serdeConfig serde settings, e.g. {@code EventSerdeConfig.embeddedMode()}
     * @param <V> the value type
     * @return the decoder
     */
    public static <V> RecordDecoder<V> forValues(Topic<?, V> topic, Map<String, ?> serdeConfig) {
        return new RecordDecoder<>(topic.valueSerde(serdeConfig).deserializer());
    }

    /**
     * Decodes a record's value.
     *
     * @param record a record as consumed, with its bytes
     * @return the value; null for a tombstone
     * @throws EventDecodingException with topic, partition and offset, whatever the deserializer
     *     threw (a failure that is not an {@link EventDecodingException} is reported as {@link
     *     DecodeFailure#MALFORMED_BODY})
     */
    public V decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (EventDecodingException e) {
            throw e.at(record.partition(), record.offset());
        } catch (RuntimeException e) {
            throw new EventDecodingException(
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    DecodeFailure.MALFORMED_BODY,
                    deserializer.getClass().getSimpleName() + " failed: " + e.getMessage(),
                    e);
        }
    }
}
