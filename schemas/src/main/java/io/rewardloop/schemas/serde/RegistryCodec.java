package io.rewardloop.schemas.serde;

import io.rewardloop.schemas.registry.InvalidSchemaException;
import io.rewardloop.schemas.registry.RegisteredSchema;
import io.rewardloop.schemas.registry.SchemaNotFoundException;
import io.rewardloop.schemas.registry.SchemaRegistryClient;
import io.rewardloop.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Confluent wire format: magic byte 0, the 4-byte big-endian schema id, the Avro binary body.
 * Subjects follow the TopicNameStrategy ({@code <topic>-value}, {@code <topic>-key}).
 */
final class RegistryCodec implements AvroCodec {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private record SubjectSchema(String subject, Schema schema) {}

    private final SchemaRegistryClient client;
    private final boolean autoRegister;
    private final BodyCodec body;
    private final Map<SubjectSchema, Integer> latestIds = new ConcurrentHashMap<>();

    RegistryCodec(SchemaRegistryClient client, boolean autoRegister, BodyCodec body) {
        this.client = client;
        this.autoRegister = autoRegister;
        this.body = body;
    }

    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    @Override
    public byte[] encode(String topic, boolean isKey, SpecificRecord record) {
        String subject = subject(topic, isKey);
        Schema schema = record.getSchema();
        int id = autoRegister ? client.register(subject, schema) : latestId(topic, subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        body.write(topic, record, out);
        return out.toByteArray();
    }

    @Override
    public Object decode(String topic, byte[] data) {
        checkHeader(topic, data);
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        return body.read(topic, writerSchema(topic, id), "schema id " + id, data, HEADER_LENGTH);
    }

    /** Without auto-registration the writer's schema must be the subject's latest version. */
    private int latestId(String topic, String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = latestIds.get(key);
        if (cached != null) {
            return cached;
        }
        RegisteredSchema latest = client.latest(subject);
        if (SchemaHistory.fingerprint(latest.schema()) != SchemaHistory.fingerprint(schema)) {
            throw new EventEncodingException(
                    topic,
                    "auto.register.schemas is false and the latest schema of subject "
                            + subject
                            + " (id "
                            + latest.id()
                            + ", version "
                            + latest.version()
                            + ") differs from the writer's "
                            + schema.getFullName()
                            + ": register the writer's schema first",
                    null);
        }
        latestIds.put(key, latest.id());
        return latest.id();
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return client.schemaById(id);
        } catch (SchemaNotFoundException | InvalidSchemaException e) {
            throw new EventDecodingException(
                    topic,
                    DecodeFailure.UNKNOWN_SCHEMA_ID,
                    "unknown schema id " + id + ": " + e.getMessage(),
                    e);
        } catch (SchemaRegistryException e) {
            throw new EventDecodingException(
                    topic,
                    DecodeFailure.SCHEMA_REGISTRY_UNAVAILABLE,
                    "Schema Registry unavailable while resolving schema id "
                            + id
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static void checkHeader(String topic, byte[] data) {
        if (data.length == 0) {
            throw new EventDecodingException(
                    topic, DecodeFailure.TRUNCATED, "empty value, expected a record", null);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new EventDecodingException(
                    topic,
                    DecodeFailure.UNKNOWN_MAGIC_BYTE,
                    String.format(
                            "unknown magic byte 0x%02x (expected 0x00, Confluent wire format)",
                            data[0] & 0xff),
                    null);
        }
        AvroCodec.requireHeader(topic, data, HEADER_LENGTH, "Confluent");
    }
}
