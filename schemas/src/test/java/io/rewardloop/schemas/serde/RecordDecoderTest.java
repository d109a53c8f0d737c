package io.rewardloop.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.SampleEvents;
import io.rewardloop.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private static final String TOPIC = Topics.RESPONSES.name();
    private final RecordDecoder<ResponseGenerated> embedded =
            RecordDecoder.forValues(Topics.RESPONSES, EventSerdeConfig.embeddedMode());

    @Test
    void shouldDecodeAValidRecord() {
        byte[] bytes =
                Topics.RESPONSES
                        .valueSerde(EventSerdeConfig.embeddedMode())
                        .serializer()
                        .serialize(TOPIC, SampleEvents.responseGenerated());

        assertThat(embedded.decode(record(bytes))).isEqualTo(SampleEvents.responseGenerated());
    }

    @Test
    void shouldNameTopicPartitionAndOffsetOfATruncatedRecord() {
        byte[] bytes =
                Topics.RESPONSES
                        .valueSerde(EventSerdeConfig.embeddedMode())
                        .serializer()
                        .serialize(TOPIC, SampleEvents.responseGenerated());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> embedded.decode(record(truncated)))
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(DecodeFailure.TRUNCATED);
                            assertThat(e.topic()).isEqualTo(TOPIC);
                            assertThat(e.partition()).isEqualTo(2);
                            assertThat(e.offset()).isEqualTo(17);
                        })
                .hasMessageStartingWith("rlhf.responses-2@17: truncated body");
    }

    @Test
    void shouldNameTheRecordWithAnUnknownMagicByte() {
        RecordDecoder<ResponseGenerated> registry =
                RecordDecoder.forValues(
                        Topics.RESPONSES, EventSerdeConfig.registryMode("http://127.0.0.1:9"));
        byte[] garbage = {0x7f, 1, 2, 3, 4, 5};

        assertThatThrownBy(() -> registry.decode(record(garbage)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage(
                        "rlhf.responses-2@17: unknown magic byte 0x7f"
                                + " (expected 0x00, Confluent wire format)");
    }

    @Test
    void shouldSayPartitionAndOffsetAreUnknownOutsideARecord() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(
                        () ->
                                Topics.RESPONSES
                                        .valueSerde(EventSerdeConfig.embeddedMode())
                                        .deserializer()
                                        .deserialize(TOPIC, garbage))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("rlhf.responses (partition and offset unknown): ");
    }

    @Test
    void shouldReturnNullForATombstone() {
        assertThat(embedded.decode(record(null))).isNull();
    }

    @Test
    void shouldReportOtherDeserializerFailuresAsMalformedBodyWithThePosition() {
        Deserializer<String> failing =
                (topic, data) -> {
                    throw new SerializationException("bad utf-8");
                };

        assertThatThrownBy(() -> new RecordDecoder<>(failing).decode(record(new byte[] {1})))
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(DecodeFailure.MALFORMED_BODY);
                            assertThat(e.offset()).isEqualTo(17);
                            assertThat(e.getCause()).isInstanceOf(SerializationException.class);
                        })
                .hasMessageContaining("bad utf-8");
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(
                TOPIC, 2, 17, "prompt-1".getBytes(StandardCharsets.UTF_8), value);
    }
}
