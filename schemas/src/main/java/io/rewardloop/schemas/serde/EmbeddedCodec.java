package io.rewardloop.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro's single-object encoding: {@code 0xC3 0x01}, the writer schema's 8-byte little-endian
 * CRC-64-AVRO fingerprint, then the Avro binary body. The writer schema is found by fingerprint in
 * the {@link SchemaHistory}; no registry is needed. The bytes are those of the generated classes'
 * own {@code toByteBuffer()}.
 */
final class EmbeddedCodec implements AvroCodec {

    static final int MARKER_0 = 0xC3;
    static final int MARKER_1 = 0x01;
    static final int HEADER_LENGTH = 10;

    private final SchemaHistory history;
    private final BodyCodec body;
    private final Map<Schema, Long> fingerprints = new ConcurrentHashMap<>();

    /** Whether the bytes start with the single-object marker {@code 0xC3 0x01}. */
    static boolean isSingleObject(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == MARKER_0 && (data[1] & 0xff) == MARKER_1;
    }

    EmbeddedCodec(SchemaHistory history, BodyCodec body) {
        this.history = history;
        this.body = body;
    }

    @Override
    public byte[] encode(String topic, boolean isKey, SpecificRecord record) {
        long fingerprint =
                fingerprints.computeIfAbsent(record.getSchema(), SchemaHistory::fingerprint);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MARKER_0);
        out.write(MARKER_1);
        out.writeBytes(
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array());
        body.write(topic, record, out);
        return out.toByteArray();
    }

    @Override
    public Object decode(String topic, byte[] data) {
        checkHeader(topic, data);
        long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String label = String.format("fingerprint 0x%016x", fingerprint);
        Schema writer =
                history.byFingerprint(fingerprint)
                        .orElseThrow(
                                () ->
                                        new EventDecodingException(
                                                topic,
                                                DecodeFailure.UNKNOWN_SCHEMA_ID,
                                                "unknown schema "
                                                        + label
                                                        + ": none of the "
                                                        + history.size()
                                                        + " schema versions this build knows"
                                                        + " (written by a newer version?)",
                                                null));
        return body.read(topic, writer, label, data, HEADER_LENGTH);
    }

    private static void checkHeader(String topic, byte[] data) {
        if (data.length == 0) {
            throw new EventDecodingException(
                    topic, DecodeFailure.TRUNCATED, "empty value, expected a record", null);
        }
        boolean marker0 = (data[0] & 0xff) == MARKER_0;
        if (!marker0 || (data.length > 1 && data[1] != MARKER_1)) {
            String seen =
                    marker0
                            ? String.format("0xc3 0x%02x", data[1] & 0xff)
                            : String.format("0x%02x", data[0] & 0xff);
            String hint =
                    data[0] == RegistryCodec.MAGIC_BYTE
                            ? "; this looks like the Confluent wire format: set the same "
                                    + EventSerdeConfig.SCHEMA_REGISTRY_URL
                                    + " on producer and consumer"
                            : "";
            throw new EventDecodingException(
                    topic,
                    DecodeFailure.UNKNOWN_MAGIC_BYTE,
                    "unknown magic byte "
                            + seen
                            + " (expected 0xc3 0x01, Avro single-object encoding)"
                            + hint,
                    null);
        }
        AvroCodec.requireHeader(topic, data, HEADER_LENGTH, "single-object");
    }
}
