package io.rewardloop.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.SampleEvents;
import io.rewardloop.schemas.SampleEvents.Sample;
import io.rewardloop.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmbeddedSerdeTest {

    private static final String TOPIC = Topics.RESPONSES.name();
    private final Serde<ResponseGenerated> serde =
            Topics.RESPONSES.valueSerde(EventSerdeConfig.embeddedMode());

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.rewardloop.schemas.serde.SerdeTestSupport#samples")
    <V extends SpecificRecord> void shouldRoundTripEveryEventType(String name, Sample<V> sample) {
        assertThat(SerdeTestSupport.roundTrip(sample, EventSerdeConfig.embeddedMode()))
                .isEqualTo(sample.value());
    }

    @Test
    void shouldWriteTheSameBytesAsAvrosOwnSingleObjectEncoder() throws Exception {
        ResponseGenerated event = SampleEvents.responseGenerated();

        byte[] ours = serde.serializer().serialize(TOPIC, event);
        ByteBuffer avros = event.toByteBuffer();

        assertThat(ours[0] & 0xff).isEqualTo(0xC3);
        assertThat(ours[1]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(ours)).isEqualTo(avros);
        assertThat(ResponseGenerated.fromByteBuffer(ByteBuffer.wrap(ours))).isEqualTo(event);
    }

    @Test
    void shouldRejectUnknownMagicByte() {
        byte[] bytes = serialized();
        bytes[0] = 0x7f;

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(DecodeFailure.UNKNOWN_MAGIC_BYTE);
                            assertThat(e.topic()).isEqualTo(TOPIC);
                            assertThat(e.partition()).isEqualTo(EventDecodingException.UNKNOWN);
                        })
                .hasMessageContaining("unknown magic byte 0x7f")
                .hasMessageContaining("single-object");
    }

    @Test
    void shouldHintAtTheOtherModeWhenConfluentBytesArrive() {
        byte[] confluent = {0, 0, 0, 0, 1, 2, 'a'};

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, confluent))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("Confluent wire format")
                .hasMessageContaining(EventSerdeConfig.SCHEMA_REGISTRY_URL);
    }

    @Test
    void shouldRejectUnknownFingerprint() {
        byte[] bytes = serialized();
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1234_5678_9abc_def0L);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_ID))
                .hasMessageContaining("fingerprint 0x123456789abcdef0");
    }

    @Test
    void shouldReportTruncatedBodyAndHeaderAsTruncated() {
        byte[] bytes = serialized();
        for (int length : List.of(bytes.length - 7, 12, 6, 0)) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, cut))
                    .as("cut to %d bytes", length)
                    .isInstanceOfSatisfying(
                            EventDecodingException.class,
                            e -> assertThat(e.reason()).isEqualTo(DecodeFailure.TRUNCATED));
        }
    }

    @Test
    void shouldReportTrailingGarbageAsMalformedBody() {
        byte[] bytes = SerdeTestSupport.concat(serialized(), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DecodeFailure.MALFORMED_BODY));
    }

    @Test
    void shouldRefuseToReadOneEventTypeAsAnother() {
        Serde<ModelPublished> models = Topics.MODELS.valueSerde(EventSerdeConfig.embeddedMode());
        byte[] model = models.serializer().serialize(TOPIC, SampleEvents.modelPublished());

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, model))
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DecodeFailure.MALFORMED_BODY))
                .hasMessageContaining("io.rewardloop.events.ModelPublished")
                .hasMessageContaining("cannot be read as io.rewardloop.events.ResponseGenerated");
    }

    @Test
    void shouldPassTombstonesThrough() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldPickTheGeneratedClassByWriterSchemaWhenNoTypeIsGiven() {
        AvroEventSerde<SpecificRecord> open = new AvroEventSerde<>();
        open.configure(Map.of(EventSerdeConfig.SCHEMA_REGISTRY_URL, "embedded"), false);
        byte[] bytes = open.serialize("rlhf.models", SampleEvents.modelPublished());

        assertThat(open.deserialize("rlhf.models", bytes))
                .isInstanceOf(ModelPublished.class)
                .isEqualTo(SampleEvents.modelPublished());
    }

    @Test
    void shouldReadRecordsWrittenWithAnOlderReleasedVersion() {
        SchemaHistory history =
                SchemaHistory.load(SerdeTestSupport.OLD_HISTORY_ROOT, getClass().getClassLoader());
        EmbeddedCodec codec = new EmbeddedCodec(history, new BodyCodec(ResponseGenerated.class));
        byte[] old = singleObject(SerdeTestSupport.oldResponse());

        ResponseGenerated read = (ResponseGenerated) codec.decode(TOPIC, old);

        assertThat(read.getResponseId()).isEqualTo("resp-old-1");
        assertThat(read.getCreatedAt()).isEqualTo(SampleEvents.CREATED_AT);
        assertThat(read.getMessages()).isEmpty();
        assertThat(read.getMetadata()).isEmpty();
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, old))
                .as("the standard history does not hold the test-only version")
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_ID));
    }

    private byte[] serialized() {
        return serde.serializer().serialize(TOPIC, SampleEvents.responseGenerated());
    }

    private static byte[] singleObject(org.apache.avro.generic.GenericRecord record) {
        ByteBuffer header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 0xC3).put((byte) 0x01);
        header.putLong(SchemaHistory.fingerprint(record.getSchema()));
        return SerdeTestSupport.concat(header.array(), SerdeTestSupport.avroBody(record));
    }
}
