package io.rewardloop.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final byte[] KEY = "prompt-9".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0x7f, 0x00, 0x42};

    @Test
    void shouldKeepOriginalKeyValueAndHeadersAndAddWhyAndWhere() {
        EventDecodingException error =
                new EventDecodingException(
                        "rlhf.responses", 4, 99, DecodeFailure.UNKNOWN_MAGIC_BYTE, "bad", null);

        ProducerRecord<byte[], byte[]> dead =
                DeadLetters.toDeadLetter(
                        original(), "rlhf.responses.dlq", error.reason().name(), error);

        assertThat(dead.topic()).isEqualTo("rlhf.responses.dlq");
        assertThat(dead.key()).isEqualTo(KEY);
        assertThat(dead.value()).isEqualTo(VALUE);
        assertThat(text(dead, "trace-id")).isEqualTo("abc-123");
        assertThat(text(dead, DeadLetters.REASON)).isEqualTo("UNKNOWN_MAGIC_BYTE");
        assertThat(text(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo("rlhf.responses");
        assertThat(text(dead, DeadLetters.SOURCE_PARTITION)).isEqualTo("4");
        assertThat(text(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("99");
        assertThat(text(dead, DeadLetters.ERROR_CLASS))
                .isEqualTo(EventDecodingException.class.getName());
        assertThat(text(dead, DeadLetters.ERROR_MESSAGE)).isEqualTo("rlhf.responses-4@99: bad");
    }

    @Test
    void shouldReadTheDeadLetterHeadersBack() {
        ProducerRecord<byte[], byte[]> dead =
                DeadLetters.toDeadLetter(
                        original(),
                        "rlhf.responses.dlq",
                        "validation",
                        new IllegalStateException("x"));

        Optional<DeadLetterInfo> info = DeadLetters.read(dead.headers());

        assertThat(info)
                .contains(
                        new DeadLetterInfo(
                                "validation",
                                "rlhf.responses",
                                4,
                                99,
                                Optional.of("java.lang.IllegalStateException"),
                                Optional.of("x")));
    }

    @Test
    void shouldReplaceEarlierDeadLetterHeadersWhenDeadLetteredAgain() {
        ProducerRecord<byte[], byte[]> first =
                DeadLetters.toDeadLetter(original(), "rlhf.responses.dlq", "first", null);
        ConsumerRecord<byte[], byte[]> consumed =
                new ConsumerRecord<>(
                        "rlhf.responses.dlq",
                        0,
                        5,
                        0L,
                        TimestampType.CREATE_TIME,
                        KEY.length,
                        VALUE.length,
                        KEY,
                        VALUE,
                        first.headers(),
                        Optional.empty());

        ProducerRecord<byte[], byte[]> second =
                DeadLetters.toDeadLetter(consumed, "parking", "second", null);

        assertThat(second.headers().headers(DeadLetters.REASON)).hasSize(1);
        DeadLetterInfo info = DeadLetters.read(second.headers()).orElseThrow();
        assertThat(info.reason()).isEqualTo("second");
        assertThat(info.sourceTopic()).isEqualTo("rlhf.responses.dlq");
        assertThat(info.errorClass()).isEmpty();
    }

    @Test
    void shouldFindNoDeadLetterInfoOnAnOrdinaryRecord() {
        assertThat(DeadLetters.read(original().headers())).isEmpty();
    }

    private static ConsumerRecord<byte[], byte[]> original() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "abc-123".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(
                "rlhf.responses",
                4,
                99,
                1_700_000_000_000L,
                TimestampType.CREATE_TIME,
                KEY.length,
                VALUE.length,
                KEY,
                VALUE,
                headers,
                Optional.empty());
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
