package io.rewardloop.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Hand-crafted length bombs: a few bytes whose lengths or counts claim gigabytes. */
class BoundedDecoderTest {

    private static final long GIGA = 2_000_000_000L;

    @Test
    void shouldRefuseAStringLengthBeyondTheBytesLeft() {
        Schema schema = SchemaBuilder.record("S").fields().requiredString("s").endRecord();
        byte[] bomb = concat(zigzag(GIGA), "abc".getBytes());

        assertBomb(schema, bomb, "string length 2000000000 exceeds the 3 bytes left");
    }

    @Test
    void shouldRefuseABytesLengthBeyondTheBytesLeft() {
        Schema schema = SchemaBuilder.record("B").fields().requiredBytes("b").endRecord();

        assertBomb(schema, zigzag(GIGA), "bytes length 2000000000 exceeds the 0 bytes left");
    }

    @Test
    void shouldRefuseANegativeLength() {
        Schema schema = SchemaBuilder.record("S").fields().requiredString("s").endRecord();

        assertBomb(schema, concat(zigzag(-5), new byte[8]), "string length -5");
    }

    @Test
    void shouldRefuseAnArrayCountBeyondTheBytesLeft() {
        Schema schema =
                SchemaBuilder.record("A")
                        .fields()
                        .name("a")
                        .type()
                        .array()
                        .items()
                        .longType()
                        .noDefault()
                        .endRecord();

        assertBomb(
                schema,
                concat(zigzag(GIGA), new byte[] {2, 4}),
                "array block of 2000000000 items exceeds the 2 bytes left");
    }

    @Test
    void shouldRefuseAMapCountBeyondTheBytesLeft() {
        Schema schema =
                SchemaBuilder.record("M")
                        .fields()
                        .name("m")
                        .type()
                        .map()
                        .values()
                        .stringType()
                        .noDefault()
                        .endRecord();

        assertBomb(schema, zigzag(GIGA), "map block of 2000000000 items");
    }

    @Test
    void shouldRefuseABombNestedInsideValidData() throws IOException {
        Schema inner = SchemaBuilder.array().items().stringType();
        Schema schema =
                SchemaBuilder.record("N")
                        .fields()
                        .name("outer")
                        .type()
                        .array()
                        .items(SchemaBuilder.map().values(inner))
                        .noDefault()
                        .endRecord();
        // outer: one block of 1 map; the map: 1 entry "k" -> an array whose second block lies.
        byte[] bomb =
                concat(
                        zigzag(1),
                        zigzag(1),
                        zigzag(1),
                        "k".getBytes(),
                        zigzag(1),
                        zigzag(1),
                        "x".getBytes(),
                        zigzag(GIGA));

        assertBomb(schema, bomb, "array block of 2000000000 items");
    }

    @Test
    void shouldRefuseALyingBlockCountWhileSkippingAFieldTheReaderDropped() throws IOException {
        Schema writer =
                SchemaBuilder.record("W")
                        .fields()
                        .name("dropped")
                        .type()
                        .array()
                        .items()
                        .stringType()
                        .noDefault()
                        .requiredString("kept")
                        .endRecord();
        Schema reader = SchemaBuilder.record("W").fields().requiredString("kept").endRecord();
        byte[] bomb = concat(zigzag(GIGA), new byte[] {2, 'x'});

        BoundedDecoder decoder = new BoundedDecoder(bomb, 0, bomb.length);
        assertThatThrownBy(
                        () ->
                                new GenericDatumReader<GenericRecord>(writer, reader)
                                        .read(null, decoder))
                .isInstanceOf(BoundedDecoder.LengthBombException.class)
                .hasMessageContaining("array block of 2000000000 items");
    }

    @Test
    void shouldDecodeValidDataOfEveryKindUnchanged() throws IOException {
        Schema schema =
                SchemaBuilder.record("All")
                        .fields()
                        .requiredString("s")
                        .requiredBytes("b")
                        .name("a")
                        .type()
                        .array()
                        .items()
                        .stringType()
                        .noDefault()
                        .name("m")
                        .type()
                        .map()
                        .values()
                        .longType()
                        .noDefault()
                        .endRecord();
        GenericRecord record = new GenericData.Record(schema);
        record.put("s", "héllo");
        record.put("b", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        record.put("a", List.of("x", "", "yz"));
        record.put("m", Map.of("k", 7L));
        byte[] bytes = encode(schema, record);

        BoundedDecoder decoder = new BoundedDecoder(bytes, 0, bytes.length);
        GenericRecord read = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);

        assertThat(read.get("s").toString()).isEqualTo("héllo");
        assertThat(read.get("b")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(read.get("a").toString()).isEqualTo("[x, , yz]");
        assertThat(read.get("m").toString()).isEqualTo("{k=7}");
        assertThat(decoder.isEnd()).isTrue();
    }

    private static void assertBomb(Schema schema, byte[] bomb, String message) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(
                        () ->
                                new GenericDatumReader<GenericRecord>(schema)
                                        .read(null, new BoundedDecoder(bomb, 0, bomb.length)))
                .isInstanceOf(BoundedDecoder.LengthBombException.class)
                .hasMessageContaining(message);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated while decoding").isLessThan(4L << 20);
    }

    static byte[] zigzag(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
