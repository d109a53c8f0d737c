package io.rewardloop.schemas.serde;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records: the original key, value and headers, untouched, plus headers saying
 * why and from where. Reads those headers back with {@link #read(Headers)}.
 */
public final class DeadLetters {

    /** Header: why the record was dead-lettered. */
    public static final String REASON = "rlhf.dlq.reason";

    /** Header: the topic of the original record. */
    public static final String SOURCE_TOPIC = "rlhf.dlq.source.topic";

    /** Header: the partition of the original record (decimal). */
    public static final String SOURCE_PARTITION = "rlhf.dlq.source.partition";

    /** Header: the offset of the original record (decimal). */
    public static final String SOURCE_OFFSET = "rlhf.dlq.source.offset";

    /** Header: the class name of the error, when there was one. */
    public static final String ERROR_CLASS = "rlhf.dlq.error.class";

    /** Header: the message of the error, when there was one. */
    public static final String ERROR_MESSAGE = "rlhf.dlq.error.message";

    private static final List<String> ALL_HEADERS =
            List.of(
                    REASON,
                    SOURCE_TOPIC,
                    SOURCE_PARTITION,
                    SOURCE_OFFSET,
                    ERROR_CLASS,
                    ERROR_MESSAGE);
    private static final int MAX_MESSAGE_CHARS = 4000;

    private DeadLetters() {}

    /**
     * The dead-letter record for a record that could not be processed.
     *
     * @param original the record as consumed, with its raw bytes
     * @param dlqTopic the dead-letter topic, e.g. {@code rlhf.responses.dlq}
     * @param reason why, e.g. {@code UNKNOWN_MAGIC_BYTE} or a validation failure
     * @param error what was thrown, or null
     * @return a record for {@code dlqTopic} with the original key, value and headers plus {@code
     *     rlhf.dlq.*} headers (earlier {@code rlhf.dlq.*} headers are replaced)
     */
    public static ProducerRecord<byte[], byte[]> toDeadLetter(
            ConsumerRecord<byte[], byte[]> original,
            String dlqTopic,
            String reason,
            Throwable error) {
        Headers headers = new RecordHeaders(original.headers().toArray());
        ALL_HEADERS.forEach(headers::remove);
        put(headers, REASON, reason);
        put(headers, SOURCE_TOPIC, original.topic());
        put(headers, SOURCE_PARTITION, Integer.toString(original.partition()));
        put(headers, SOURCE_OFFSET, Long.toString(original.offset()));
        if (error != null) {
            put(headers, ERROR_CLASS, error.getClass().getName());
            put(headers, ERROR_MESSAGE, truncate(String.valueOf(error.getMessage())));
        }
        return new ProducerRecord<>(dlqTopic, null, original.key(), original.value(), headers);
    }

    /**
     * Reads the dead-letter headers of a record.
     *
     * @param headers the record's headers
     * @return what they say, or empty when the record is not a dead letter (no reason header)
     */
    public static Optional<DeadLetterInfo> read(Headers headers) {
        Optional<String> reason = text(headers, REASON);
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new DeadLetterInfo(
                        reason.get(),
                        text(headers, SOURCE_TOPIC).orElse(""),
                        text(headers, SOURCE_PARTITION).map(Integer::parseInt).orElse(-1),
                        text(headers, SOURCE_OFFSET).map(Long::parseLong).orElse(-1L),
                        text(headers, ERROR_CLASS),
                        text(headers, ERROR_MESSAGE)));
    }

    private static void put(Headers headers, String key, String value) {
        headers.add(key, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS
                ? message
                : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
