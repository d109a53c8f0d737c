package io.rewardloop.schemas.serde;

import static io.rewardloop.schemas.serde.BoundedDecoderTest.concat;
import static io.rewardloop.schemas.serde.BoundedDecoderTest.zigzag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.testing.FakeSchemaRegistryServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * A record of about 20 bytes whose first string, or whose chat-message array, claims gigabytes,
 * decoded through both framings: each fails at once with a typed decode error.
 */
class LengthBombSerdeTest {

    private static final String TOPIC = Topics.RESPONSES.name();
    private static final long GIGA = 2_000_000_000L;

    /** responseId claims 2 GB; 3 bytes follow. */
    private static final byte[] STRING_BOMB = concat(zigzag(GIGA), new byte[] {'a', 'b', 'c'});

    /** responseId, promptId, prompt of one byte each, then 2 G chat messages. */
    private static final byte[] ARRAY_BOMB =
            concat(new byte[] {2, 'r', 2, 'p', 2, 'x'}, zigzag(GIGA), new byte[] {2, 'u', 2, 'c'});

    @Test
    void shouldRejectLengthBombsInTheEmbeddedFraming() {
        Deserializer<ResponseGenerated> deserializer =
                Topics.RESPONSES.valueSerde(EventSerdeConfig.embeddedMode()).deserializer();
        byte[] header =
                ByteBuffer.allocate(EmbeddedCodec.HEADER_LENGTH)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .put((byte) EmbeddedCodec.MARKER_0)
                        .put((byte) EmbeddedCodec.MARKER_1)
                        .putLong(SchemaHistory.fingerprint(ResponseGenerated.getClassSchema()))
                        .array();

        byte[] stringBomb = concat(header, STRING_BOMB);
        assertThat(stringBomb.length).isLessThanOrEqualTo(20);
        assertRejected(deserializer, stringBomb, "string length 2000000000");
        assertRejected(deserializer, concat(header, ARRAY_BOMB), "array block of 2000000000");
    }

    @Test
    void shouldRejectLengthBombsInTheConfluentFraming() {
        try (FakeSchemaRegistryServer registry = FakeSchemaRegistryServer.start()) {
            int id = registry.register(TOPIC + "-value", ResponseGenerated.getClassSchema());
            Deserializer<ResponseGenerated> deserializer =
                    Topics.RESPONSES
                            .valueSerde(EventSerdeConfig.registryMode(registry.url()))
                            .deserializer();
            byte[] header =
                    ByteBuffer.allocate(RegistryCodec.HEADER_LENGTH)
                            .put(RegistryCodec.MAGIC_BYTE)
                            .putInt(id)
                            .array();

            assertRejected(deserializer, concat(header, STRING_BOMB), "string length 2000000000");
            assertRejected(deserializer, concat(header, ARRAY_BOMB), "array block of 2000000000");
        }
    }

    @Test
    void shouldRejectAMapBombInTheLastField() {
        Deserializer<ResponseGenerated> deserializer =
                Topics.RESPONSES.valueSerde(EventSerdeConfig.embeddedMode()).deserializer();
        byte[] header =
                ByteBuffer.allocate(EmbeddedCodec.HEADER_LENGTH)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .put((byte) EmbeddedCodec.MARKER_0)
                        .put((byte) EmbeddedCodec.MARKER_1)
                        .putLong(SchemaHistory.fingerprint(ResponseGenerated.getClassSchema()))
                        .array();
        // ids and prompt, no messages, response, policyVersion, round 0, createdAt 0, then metadata
        byte[] body =
                concat(
                        new byte[] {2, 'r', 2, 'p', 2, 'x', 0, 2, 'y', 2, 'v', 0, 0},
                        zigzag(GIGA),
                        new byte[] {2, 'k', 2, 'v'});

        assertRejected(deserializer, concat(header, body), "map block of 2000000000");
    }

    private static void assertRejected(
            Deserializer<ResponseGenerated> deserializer, byte[] bomb, String message) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bomb))
                .isInstanceOfSatisfying(
                        EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DecodeFailure.TRUNCATED))
                .hasMessageContaining(message)
                .hasMessageContaining("bytes left");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
