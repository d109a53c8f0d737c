package io.rewardloop.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro binary body, shared by both framings. Reads resolve the writer schema against the
 * reader's generated class, so data written before a schema evolved stays readable.
 */
final class BodyCodec {

    /** The generated class to read into; null to pick it by the writer schema's full name. */
    private final Class<? extends SpecificRecord> type;

    private final Map<Class<?>, DatumWriter<SpecificRecord>> writers = new ConcurrentHashMap<>();
    private final Map<Schema, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    BodyCodec(Class<? extends SpecificRecord> type) {
        this.type = type;
    }

    void write(String topic, SpecificRecord record, ByteArrayOutputStream out) {
        DatumWriter<SpecificRecord> writer =
                writers.computeIfAbsent(record.getClass(), c -> newWriter(record));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new EventEncodingException(
                    topic,
                    "cannot encode " + record.getSchema().getFullName() + ": " + e.getMessage(),
                    e);
        }
    }

    Object read(String topic, Schema writerSchema, String writerLabel, byte[] data, int offset) {
        DatumReader<Object> reader = readers.get(writerSchema);
        if (reader == null) {
            reader = newReader(topic, writerSchema, writerLabel);
            readers.putIfAbsent(writerSchema, reader);
        }
        BoundedDecoder decoder = new BoundedDecoder(data, offset, data.length - offset);
        String what = writerSchema.getFullName() + " (" + writerLabel + ")";
        try {
            Object value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw failure(
                        topic, DecodeFailure.MALFORMED_BODY, "bytes left after " + what, null);
            }
            return value;
        } catch (BoundedDecoder.LengthBombException e) {
            // Cut short or lying about a length: either way nothing was allocated for it.
            throw failure(
                    topic,
                    DecodeFailure.TRUNCATED,
                    "truncated body for " + what + ": " + e.getMessage(),
                    e);
        } catch (StackOverflowError e) {
            throw failure(
                    topic, DecodeFailure.MALFORMED_BODY, "body nested too deep for " + what, null);
        } catch (EOFException e) {
            throw failure(
                    topic,
                    DecodeFailure.TRUNCATED,
                    "truncated body: " + (data.length - offset) + " bytes end before " + what,
                    e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof EventDecodingException decoding) {
                throw decoding;
            }
            throw failure(
                    topic,
                    DecodeFailure.MALFORMED_BODY,
                    "malformed body for " + what + ": " + e,
                    e);
        }
    }

    private static DatumWriter<SpecificRecord> newWriter(SpecificRecord record) {
        return new SpecificDatumWriter<>(
                record.getSchema(), SpecificData.getForClass(record.getClass()));
    }

    private DatumReader<Object> newReader(String topic, Schema writerSchema, String writerLabel) {
        Class<?> target = type != null ? type : SpecificData.get().getClass(writerSchema);
        if (target == null) {
            throw failure(
                    topic,
                    DecodeFailure.MALFORMED_BODY,
                    "no generated class for "
                            + writerSchema.getFullName()
                            + " ("
                            + writerLabel
                            + ")",
                    null);
        }
        SpecificData data = SpecificData.getForClass(target);
        Schema readerSchema = data.getSchema(target);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw failure(
                    topic,
                    DecodeFailure.MALFORMED_BODY,
                    "data written as "
                            + writerSchema.getFullName()
                            + " ("
                            + writerLabel
                            + ") cannot be read as "
                            + readerSchema.getFullName()
                            + ": "
                            + describe(compatibility),
                    null);
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema, data);
    }

    private static String describe(SchemaCompatibility.SchemaPairCompatibility compatibility) {
        return compatibility.getResult().getIncompatibilities().stream()
                .map(i -> i.getMessage() + " at " + i.getLocation())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private static EventDecodingException failure(
            String topic, DecodeFailure reason, String detail, Throwable cause) {
        return new EventDecodingException(topic, reason, detail, cause);
    }
}
