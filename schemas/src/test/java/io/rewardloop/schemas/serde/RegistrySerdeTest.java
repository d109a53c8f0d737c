package io.rewardloop.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.SampleEvents;
import io.rewardloop.schemas.SampleEvents.Sample;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.registry.SubjectNotFoundException;
import io.rewardloop.schemas.testing.FakeSchemaRegistryServer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegistrySerdeTest {

    private static final String TOPIC = Topics.RESPONSES.name();
    private final FakeSchemaRegistryServer registry = FakeSchemaRegistryServer.start();
    private final Map<String, Object> config = EventSerdeConfig.registryMode(registry.url());

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.rewardloop.schemas.serde.SerdeTestSupport#samples")
    <V extends SpecificRecord> void shouldRoundTripEveryEventType(String name, Sample<V> sample) {
        assertThat(SerdeTestSupport.roundTrip(sample, config)).isEqualTo(sample.value());
        assertThat(registry.subjects()).contains(sample.topic().name() + "-value");
    }

    @Test
    void shouldWriteConfluentWireFormatWithTheRegisteredId() {
        byte[] bytes = serialize(SampleEvents.responseGenerated());

        int registered = registry.register(TOPIC + "-value", ResponseGenerated.getClassSchema());
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered);
    }

    @Test
    void shouldRegisterKeySchemasUnderTheKeySubject() {
        AvroEventSerde<ResponseGenerated> keySerde = new AvroEventSerde<>(ResponseGenerated.class);
        keySerde.configure(config, true);

        keySerde.serialize(TOPIC, SampleEvents.responseGenerated());

        assertThat(registry.subjects()).containsExactly(TOPIC + "-key");
    }

    @Test
    void shouldRejectUnknownMagicByte() {
        byte[] bytes = serialize(SampleEvents.responseGenerated());
        bytes[0] = 0x7f;

        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DecodeFailure.UNKNOWN_MAGIC_BYTE))
                .hasMessageEndingWith(
                        "unknown magic byte 0x7f (expected 0x00, Confluent wire format)");
    }

    @Test
    void shouldReadSingleObjectEncodingWrittenWithoutTheRegistry() {
        ResponseGenerated event = SampleEvents.responseGenerated();
        byte[] embedded =
                Topics.RESPONSES
                        .valueSerde(EventSerdeConfig.embeddedMode())
                        .serializer()
                        .serialize(TOPIC, event);

        assertThat(deserializer().deserialize(TOPIC, embedded)).isEqualTo(event);
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void shouldRejectUnknownSchemaId() {
        byte[] bytes = serialize(SampleEvents.responseGenerated());
        ByteBuffer.wrap(bytes, 1, 4).putInt(4242);

        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_ID))
                .hasMessageContaining("unknown schema id 4242");
    }

    @Test
    void shouldReportAnUnavailableRegistryAsSuch() {
        byte[] bytes = serialize(SampleEvents.responseGenerated());
        registry.failNextRequests(1, 503, 50001);

        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(DecodeFailure.SCHEMA_REGISTRY_UNAVAILABLE));
    }

    @Test
    void shouldReportTruncatedBodyAndHeaderAsTruncated() {
        byte[] bytes = serialize(SampleEvents.responseGenerated());
        for (int length : new int[] {bytes.length - 7, 6, 3}) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> deserializer().deserialize(TOPIC, cut))
                    .as("cut to %d bytes", length)
                    .isInstanceOfSatisfying(
                            EventDecodingException.class,
                            e -> assertThat(e.reason()).isEqualTo(DecodeFailure.TRUNCATED));
        }
    }

    @Test
    void shouldFetchEachWriterSchemaOnlyOnce() {
        byte[] bytes = serialize(SampleEvents.responseGenerated());
        Deserializer<ResponseGenerated> consumer = deserializer();

        for (int i = 0; i < 20; i++) {
            assertThat(consumer.deserialize(TOPIC, bytes)).isNotNull();
        }

        assertThat(registry.requests())
                .filteredOn(r -> r.startsWith("GET /schemas/ids/"))
                .hasSize(1);
    }

    @Test
    void shouldReadRecordsWrittenWithAnOlderSchemaFillingDefaults() {
        int oldId = registry.register(TOPIC + "-value", SerdeTestSupport.oldResponseSchema());
        byte[] header = ByteBuffer.allocate(5).put((byte) 0).putInt(oldId).array();
        byte[] old =
                SerdeTestSupport.concat(
                        header, SerdeTestSupport.avroBody(SerdeTestSupport.oldResponse()));

        ResponseGenerated read = deserializer().deserialize(TOPIC, old);

        assertThat(read.getPolicyVersion()).isEqualTo("sft-r0");
        assertThat(read.getMessages()).isEmpty();
        assertThat(read.getMetadata()).isEmpty();
    }

    @Test
    void shouldUseTheLatestIdWithoutRegisteringWhenAutoRegisterIsOff() {
        int id = registry.register(TOPIC + "-value", ResponseGenerated.getClassSchema());
        Serde<ResponseGenerated> serde =
                Topics.RESPONSES.valueSerde(
                        Map.of(
                                EventSerdeConfig.SCHEMA_REGISTRY_URL,
                                registry.url(),
                                EventSerdeConfig.AUTO_REGISTER_SCHEMAS,
                                "false"));

        byte[] bytes = serde.serializer().serialize(TOPIC, SampleEvents.responseGenerated());
        serde.serializer().serialize(TOPIC, SampleEvents.responseGenerated());

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(registry.requests())
                .containsExactly("GET /subjects/" + TOPIC + "-value/versions/latest");
    }

    @Test
    void shouldRefuseToWriteUnderAnotherLatestSchemaWhenAutoRegisterIsOff() {
        Map<String, Object> noRegister =
                Map.of(
                        EventSerdeConfig.SCHEMA_REGISTRY_URL,
                        registry.url(),
                        EventSerdeConfig.AUTO_REGISTER_SCHEMAS,
                        false);
        Serde<ResponseGenerated> serde = Topics.RESPONSES.valueSerde(noRegister);
        ResponseGenerated event = SampleEvents.responseGenerated();

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, event))
                .isInstanceOf(SubjectNotFoundException.class);
        registry.register(TOPIC + "-value", SerdeTestSupport.oldResponseSchema());
        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, event))
                .isInstanceOf(EventEncodingException.class)
                .hasMessageContaining("register the writer's schema first");
    }

    private byte[] serialize(ResponseGenerated event) {
        return Topics.RESPONSES.valueSerde(config).serializer().serialize(TOPIC, event);
    }

    private Deserializer<ResponseGenerated> deserializer() {
        return Topics.RESPONSES.valueSerde(config).deserializer();
    }
}
