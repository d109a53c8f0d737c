package io.rewardloop.feedback.streams;

import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** The headers the topology reads and writes, and its dead letters. */
final class FeedbackHeaders {

    /** Where the feedback came from ({@code http}); absent means {@code kafka}. */
    static final String SOURCE = "rlhf.feedback.source";

    /** The source when a record has no {@link #SOURCE} header. */
    static final String DEFAULT_SOURCE = "kafka";

    // Where a record was read from rlhf.feedback, carried through the repartition so that a
    // conflict's dead letter names the original record, not the repartition topic's copy.
    static final String ORIGIN_TOPIC = "rlhf.feedback.origin.topic";
    static final String ORIGIN_PARTITION = "rlhf.feedback.origin.partition";
    static final String ORIGIN_OFFSET = "rlhf.feedback.origin.offset";

    private FeedbackHeaders() {}

    static String source(Headers headers) {
        return text(headers, SOURCE).filter(s -> !s.isBlank()).orElse(DEFAULT_SOURCE);
    }

    static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    static void putOrigin(Headers headers, RecordMetadata meta) {
        put(headers, ORIGIN_TOPIC, meta.topic());
        put(headers, ORIGIN_PARTITION, Integer.toString(meta.partition()));
        put(headers, ORIGIN_OFFSET, Long.toString(meta.offset()));
    }

    static Optional<String> text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /**
     * The dead letter of a record, through {@link DeadLetters} (reason headers, size cap), as a
     * Streams record for the dead-letter sink.
     */
    static Record<byte[], Routed> deadLetter(
            Record<byte[], byte[]> record,
            String topic,
            int partition,
            long offset,
            String reason,
            Throwable error) {
        ConsumerRecord<byte[], byte[]> original =
                new ConsumerRecord<>(
                        topic == null ? Topics.FEEDBACK.name() : topic,
                        partition,
                        offset,
                        record.timestamp(),
                        TimestampType.CREATE_TIME,
                        record.key() == null ? -1 : record.key().length,
                        record.value() == null ? -1 : record.value().length,
                        record.key(),
                        record.value(),
                        record.headers(),
                        Optional.empty());
        ProducerRecord<byte[], byte[]> letter =
                DeadLetters.toDeadLetter(original, Topics.FEEDBACK_DLQ.name(), reason, error);
        return new Record<>(
                letter.key(),
                Routed.deadLetter(letter.value()),
                record.timestamp(),
                letter.headers());
    }
}
