package io.rewardloop.schemas.serde;

import io.rewardloop.schemas.SampleEvents;
import io.rewardloop.schemas.SampleEvents.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.params.provider.Arguments;

/** Helpers shared by the serde tests. */
final class SerdeTestSupport {

    /** Test-only history root holding an older ResponseGenerated (no messages, no metadata). */
    static final String OLD_HISTORY_ROOT = "test-schema-history";

    private SerdeTestSupport() {}

    static Stream<Arguments> samples() {
        return SampleEvents.all().stream()
                .map(s -> Arguments.of(s.value().getSchema().getName(), s));
    }

    /** Serializes with a fresh serde and decodes with another, as producer and consumer do. */
    static <V extends SpecificRecord> V roundTrip(Sample<V> sample, Map<String, ?> config) {
        Serde<V> producer = sample.topic().valueSerde(config);
        Serde<V> consumer = sample.topic().valueSerde(config);
        byte[] bytes = producer.serializer().serialize(sample.topic().name(), sample.value());
        return consumer.deserializer().deserialize(sample.topic().name(), bytes);
    }

    static Schema oldResponseSchema() {
        String path = OLD_HISTORY_ROOT + "/ResponseGenerated/v1.avsc";
        try (InputStream in = SerdeTestSupport.class.getClassLoader().getResourceAsStream(path)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response as a producer built before chat turns and metadata existed would write it. */
    static GenericRecord oldResponse() {
        return new GenericRecordBuilder(oldResponseSchema())
                .set("responseId", "resp-old-1")
                .set("promptId", "prompt-old")
                .set("prompt", "What is 2 + 2?")
                .set("response", "4")
                .set("policyVersion", "sft-r0")
                .set("rlhfRound", 0L)
                .set("createdAt", SampleEvents.CREATED_AT.toEpochMilli())
                .build();
    }

    static byte[] avroBody(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema(), GenericData.get())
                    .write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] header, byte[] body) {
        byte[] all = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        return all;
    }
}
