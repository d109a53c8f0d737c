package io.rewardloop.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

/** Dead letters never exceed the producer's limit, and say what was cut. */
class DeadLetterSizeTest {

    private static final int MIB = 1024 * 1024;
    private static final String DLQ = "rlhf.models.dlq";

    @Test
    void shouldLeaveARecordThatFitsUntouchedWithoutTruncationHeaders() {
        ConsumerRecord<byte[], byte[]> original = original(bytes(10, 'k'), bytes(MIB / 2, 'v'));

        ProducerRecord<byte[], byte[]> dead = DeadLetters.toDeadLetter(original, DLQ, "r", null);

        assertThat(dead.value()).isEqualTo(original.value());
        assertThat(dead.headers().lastHeader(DeadLetters.TRUNCATED)).isNull();
    }

    @Test
    void shouldCutAFiveMegabyteValueToItsFirstBytesAndSaySo() {
        byte[] value = pattern(5 * MIB);
        ConsumerRecord<byte[], byte[]> original = original(bytes(12, 'k'), value);

        ProducerRecord<byte[], byte[]> dead =
                DeadLetters.toDeadLetter(
                        original, DLQ, "MALFORMED_BODY", new IllegalStateException("bad"));

        assertThat(producerSize(dead)).isLessThanOrEqualTo(DeadLetters.DEFAULT_MAX_BYTES);
        assertThat(dead.value().length).isGreaterThan(DeadLetters.DEFAULT_MAX_BYTES - 4096);
        assertThat(dead.value()).isEqualTo(Arrays.copyOf(value, dead.value().length));
        assertThat(dead.key()).isEqualTo(original.key());
        assertThat(text(dead, "trace-id")).isEqualTo("abc-123");
        assertThat(text(dead, DeadLetters.TRUNCATED)).isEqualTo("value");
        assertThat(text(dead, DeadLetters.ORIGINAL_VALUE_SIZE)).isEqualTo("5242880");
        assertThat(text(dead, DeadLetters.ORIGINAL_VALUE_SHA256))
                .isEqualTo(DeadLetterCut.sha256(value))
                .hasSize(64);
        assertThat(text(dead, DeadLetters.ORIGINAL_KEY_SIZE)).isNull();
        assertThat(DeadLetters.read(dead.headers()).orElseThrow().reason())
                .isEqualTo("MALFORMED_BODY");
    }

    @Test
    void shouldCutTheKeyWhenAnEmptyValueStillDoesNotFit() {
        byte[] key = pattern(2 * MIB);
        ConsumerRecord<byte[], byte[]> original = original(key, pattern(3 * MIB));

        ProducerRecord<byte[], byte[]> dead =
                DeadLetters.toDeadLetter(original, DLQ, "r", null, 64 * 1024);

        assertThat(producerSize(dead)).isLessThanOrEqualTo(64 * 1024);
        assertThat(dead.value()).isEmpty();
        assertThat(dead.key()).isEqualTo(Arrays.copyOf(key, dead.key().length));
        assertThat(dead.key().length).isGreaterThan(60 * 1024);
        assertThat(text(dead, DeadLetters.TRUNCATED)).isEqualTo("value,key");
        assertThat(text(dead, DeadLetters.ORIGINAL_KEY_SIZE)).isEqualTo(String.valueOf(2 * MIB));
        assertThat(text(dead, DeadLetters.ORIGINAL_KEY_SHA256))
                .isEqualTo(DeadLetterCut.sha256(key));
    }

    @Test
    void shouldDropTheOriginalHeadersWhenTheyAloneDoNotFit() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("huge", pattern(2 * MIB));
        headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> original = original(null, bytes(100, 'v'), headers);

        ProducerRecord<byte[], byte[]> dead = DeadLetters.toDeadLetter(original, DLQ, "r", null);

        assertThat(producerSize(dead)).isLessThanOrEqualTo(DeadLetters.DEFAULT_MAX_BYTES);
        assertThat(dead.headers().lastHeader("huge")).isNull();
        assertThat(text(dead, DeadLetters.TRUNCATED)).isEqualTo("value,headers");
        assertThat(text(dead, DeadLetters.ORIGINAL_HEADERS_DROPPED)).isEqualTo("2");
        assertThat(DeadLetters.read(dead.headers()).orElseThrow().sourceOffset()).isEqualTo(99);
    }

    @Test
    void shouldCapTheErrorMessageAndReasonHeadersAsValidUtf8() {
        String message = "é".repeat(MIB);
        ConsumerRecord<byte[], byte[]> original = original(bytes(3, 'k'), bytes(3, 'v'));

        ProducerRecord<byte[], byte[]> dead =
                DeadLetters.toDeadLetter(
                        original, DLQ, "x".repeat(MIB), new IllegalArgumentException(message));

        byte[] header = dead.headers().lastHeader(DeadLetters.ERROR_MESSAGE).value();
        assertThat(header.length).isLessThanOrEqualTo(DeadLetters.MAX_MESSAGE_BYTES);
        assertThat(new String(header, StandardCharsets.UTF_8)).isEqualTo("é".repeat(2048));
        assertThat(dead.headers().lastHeader(DeadLetters.REASON).value())
                .hasSize(DeadLetters.MAX_REASON_BYTES);
        assertThat(producerSize(dead)).isLessThan(16 * 1024);
    }

    @Test
    void shouldRefuseALimitTooSmallForItsOwnHeaders() {
        assertThatThrownBy(
                        () -> DeadLetters.toDeadLetter(original(null, null), DLQ, "r", null, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16384");
    }

    /** What {@code KafkaProducer.send} compares with {@code max.request.size}. */
    private static int producerSize(ProducerRecord<byte[], byte[]> record) {
        return AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE,
                record.key(),
                record.value(),
                record.headers().toArray());
    }

    private static ConsumerRecord<byte[], byte[]> original(byte[] key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "abc-123".getBytes(StandardCharsets.UTF_8));
        return original(key, value, headers);
    }

    private static ConsumerRecord<byte[], byte[]> original(
            byte[] key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(
                "rlhf.models",
                0,
                99,
                0L,
                TimestampType.CREATE_TIME,
                key == null ? -1 : key.length,
                value == null ? -1 : value.length,
                key,
                value,
                headers,
                Optional.empty());
    }

    private static byte[] bytes(int length, char c) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 8));
        }
        return bytes;
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
