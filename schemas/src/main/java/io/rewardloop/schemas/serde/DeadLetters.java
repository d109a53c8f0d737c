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
 * Builds dead-letter records: the original key, value and headers, plus headers saying why and from
 * where, cut to the producer's size limit by a documented rule when they would not fit. Reads those
 * headers back with {@link #read(Headers)}.
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

    /**
     * Header, only on a dead letter that had to be cut to fit the size limit: which parts were cut,
     * in order, comma-separated: {@code value}, {@code key}, {@code headers}.
     */
    public static final String TRUNCATED = "rlhf.dlq.truncated";

    /** Header, when the value was cut: its original size in bytes (decimal). */
    public static final String ORIGINAL_VALUE_SIZE = "rlhf.dlq.original.value.size";

    /** Header, when the value was cut: the SHA-256 of the original value (lower-case hex). */
    public static final String ORIGINAL_VALUE_SHA256 = "rlhf.dlq.original.value.sha256";

    /** Header, when the key was cut: its original size in bytes (decimal). */
    public static final String ORIGINAL_KEY_SIZE = "rlhf.dlq.original.key.size";

    /** Header, when the key was cut: the SHA-256 of the original key (lower-case hex). */
    public static final String ORIGINAL_KEY_SHA256 = "rlhf.dlq.original.key.sha256";

    /** Header, when the original headers were dropped: how many there were (decimal). */
    public static final String ORIGINAL_HEADERS_DROPPED = "rlhf.dlq.original.headers.dropped";

    /**
     * The default size limit of one dead letter: Kafka's default producer {@code max.request.size}
     * (1 MiB), which is also below the broker's default {@code message.max.bytes}.
     */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    /** The smallest limit accepted: room for the {@code rlhf.dlq.*} headers at their caps. */
    public static final int MIN_MAX_BYTES = 16 * 1024;

    static final int MAX_REASON_BYTES = 1024;
    static final int MAX_MESSAGE_BYTES = 4096;

    private static final List<String> ALL_HEADERS =
            List.of(
                    REASON,
                    SOURCE_TOPIC,
                    SOURCE_PARTITION,
                    SOURCE_OFFSET,
                    ERROR_CLASS,
                    ERROR_MESSAGE,
                    TRUNCATED,
                    ORIGINAL_VALUE_SIZE,
                    ORIGINAL_VALUE_SHA256,
                    ORIGINAL_KEY_SIZE,
                    ORIGINAL_KEY_SHA256,
                    ORIGINAL_HEADERS_DROPPED);

    private DeadLetters() {}

    /**
     * The dead-letter record for a record that could not be processed, at most {@link
     * #DEFAULT_MAX_BYTES} as the producer counts it.
     *
     * @param original the record as consumed, with its raw bytes
     * @param dlqTopic the dead-letter topic, e.g. {@code rlhf.responses.dlq}
     * @param reason why, e.g. {@code UNKNOWN_MAGIC_BYTE} or a validation failure
     * @param error what was thrown, or null
     * @return a record for {@code dlqTopic} with the original key, value and headers plus {@code
     *     rlhf.dlq.*} headers (earlier {@code rlhf.dlq.*} headers are replaced), cut as {@link
     *     #toDeadLetter(ConsumerRecord, String, String, Throwable, int)} says
     */
    public static ProducerRecord<byte[], byte[]> toDeadLetter(
            ConsumerRecord<byte[], byte[]> original,
            String dlqTopic,
            String reason,
            Throwable error) {
        return toDeadLetter(original, dlqTopic, reason, error, DEFAULT_MAX_BYTES);
    }

    /**
     * The dead-letter record for a record that could not be processed, never larger than {@code
     * maxBytes} as a producer counts a record against its {@code max.request.size} (an upper bound
     * of the record batch it travels in, headers included), so that a dead letter can always be
     * sent and never stalls its partition.
     *
     * <p>The rule: the {@code rlhf.dlq.*} headers always stay (the reason cut to 1 KiB, the error
     * message to 4 KiB of UTF-8). When the record does not fit, the value is cut to its first
     * bytes, as many as fit; if even an empty value does not fit, the key is cut the same way; if
     * an empty key does not fit either, the original headers are dropped. Every cut is said in
     * headers: {@link #TRUNCATED} lists the parts cut, and the original size and SHA-256 of a cut
     * value or key ({@link #ORIGINAL_VALUE_SIZE}, {@link #ORIGINAL_VALUE_SHA256}, {@link
     * #ORIGINAL_KEY_SIZE}, {@link #ORIGINAL_KEY_SHA256}) or the number of headers dropped ({@link
     * #ORIGINAL_HEADERS_DROPPED}) let an operator match it with the source record.
     *
     * @param original the record as consumed, with its raw bytes
     * @param dlqTopic the dead-letter topic, e.g. {@code rlhf.responses.dlq}
     * @param reason why, e.g. {@code UNKNOWN_MAGIC_BYTE} or a validation failure
     * @param error what was thrown, or null
     * @param maxBytes the producer's {@code max.request.size}, at least {@link #MIN_MAX_BYTES}
     * @return a record for {@code dlqTopic}
     */
    public static ProducerRecord<byte[], byte[]> toDeadLetter(
            ConsumerRecord<byte[], byte[]> original,
            String dlqTopic,
            String reason,
            Throwable error,
            int maxBytes) {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException(
                    "dead-letter size limit must be at least "
                            + MIN_MAX_BYTES
                            + ", got "
                            + maxBytes);
        }
        Headers ours = new RecordHeaders();
        put(ours, REASON, DeadLetterCut.utf8Prefix(String.valueOf(reason), MAX_REASON_BYTES));
        put(ours, SOURCE_TOPIC, original.topic());
        put(ours, SOURCE_PARTITION, Integer.toString(original.partition()));
        put(ours, SOURCE_OFFSET, Long.toString(original.offset()));
        if (error != null) {
            put(
                    ours,
                    ERROR_CLASS,
                    DeadLetterCut.utf8Prefix(error.getClass().getName(), MAX_REASON_BYTES));
            put(
                    ours,
                    ERROR_MESSAGE,
                    DeadLetterCut.utf8Prefix(
                            String.valueOf(error.getMessage()), MAX_MESSAGE_BYTES));
        }
        Headers theirs = new RecordHeaders(original.headers().toArray());
        ALL_HEADERS.forEach(theirs::remove);
        return DeadLetterCut.fit(
                dlqTopic, original.key(), original.value(), theirs, ours, maxBytes);
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

    static void put(Headers headers, String key, String value) {
        headers.add(key, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
