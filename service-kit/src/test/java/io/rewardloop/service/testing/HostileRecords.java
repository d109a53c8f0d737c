package io.rewardloop.service.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;

/**
 * Seeded malformed values for an Avro event topic in the embedded framing (single-object encoding:
 * {@code 0xC3 0x01}, 8-byte fingerprint, body): random bytes, another event's record, truncated
 * records, wrong magic bytes, unknown schema ids (embedded and Confluent headers), length bombs
 * (string and array/map lengths huge or negative), strings of {@value #HUGE_STRING_BYTES} bytes in
 * records that end there, and invalid UTF-8 text. None of them is a record the topic can hold.
 */
public final class HostileRecords {

    /** Bytes of a huge string: under the broker's default 1 MiB message limit. */
    public static final int HUGE_STRING_BYTES = 900_000;

    /** One input in this many is a huge string, so that 500 inputs stay around 10 MB. */
    private static final int HUGE_EVERY = 50;

    private static final int HEADER = 10;
    private static final long[] BOMBS = {
        Integer.MAX_VALUE, 2_000_000_000L, Long.MAX_VALUE / 4, -1, -1_000_000, Integer.MIN_VALUE
    };
    private static final byte[][] BAD_UTF8 = {
        {(byte) 0xff, (byte) 0xfe},
        {(byte) 0xc3, 0x28},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xe2, (byte) 0x82}
    };

    private final Random random;

    /**
     * A generator.
     *
     * @param seed the random seed: the same seed gives the same inputs
     */
    public HostileRecords(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Malformed values, the kinds in turn.
     *
     * @param target the topic's value schema
     * @param good a valid value of the topic, single-object encoded
     * @param foreign a valid value of another event type, single-object encoded
     * @param count how many
     * @return the inputs
     */
    public List<HostileInput> values(Schema target, byte[] good, byte[] foreign, int count) {
        List<HostileInput> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inputs.add(
                    i % HUGE_EVERY == HUGE_EVERY - 1
                            ? hugeString(good)
                            : next(i % 7, target, good, foreign));
        }
        return inputs;
    }

    private HostileInput next(int kind, Schema target, byte[] good, byte[] foreign) {
        return switch (kind) {
            case 0 -> new HostileInput("random-bytes", randomBytes(1 + random.nextInt(4096)), null);
            case 1 -> wrongSchema(good, foreign);
            case 2 -> new HostileInput("truncated", truncated(good), null);
            case 3 -> new HostileInput("wrong-magic", wrongMagic(good), null);
            case 4 -> new HostileInput("unknown-schema-id", unknownSchema(good), null);
            case 5 -> new HostileInput("length-bomb", lengthBomb(target, good), null);
            default -> new HostileInput("invalid-utf8", invalidUtf8(), null);
        };
    }

    private HostileInput wrongSchema(byte[] good, byte[] foreign) {
        // Half carry the other event's own (known) fingerprint, half this topic's with its body.
        byte[] bytes =
                random.nextBoolean()
                        ? foreign.clone()
                        : concat(Arrays.copyOf(good, HEADER), body(foreign));
        return new HostileInput("wrong-schema", bytes, null);
    }

    private byte[] truncated(byte[] good) {
        return Arrays.copyOf(good, random.nextInt(good.length));
    }

    private byte[] wrongMagic(byte[] good) {
        byte[] bytes = good.clone();
        int at = random.nextInt(2);
        int expected = bytes[at];
        while (bytes[at] == expected) {
            bytes[at] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private byte[] unknownSchema(byte[] good) {
        if (random.nextBoolean()) {
            byte[] header =
                    ByteBuffer.allocate(HEADER)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .put((byte) 0xc3)
                            .put((byte) 0x01)
                            .putLong(random.nextLong())
                            .array();
            return concat(header, body(good));
        }
        byte[] confluent = ByteBuffer.allocate(5).put((byte) 0).putInt(random.nextInt()).array();
        return concat(confluent, body(good));
    }

    private byte[] lengthBomb(Schema target, byte[] good) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Arrays.copyOf(good, HEADER));
        // The bomb sits at the first array or map; without one, at the first field.
        if (random.nextBoolean()) {
            AvroPrefix.untilContainer(target, out);
        }
        AvroPrefix.writeLong(BOMBS[random.nextInt(BOMBS.length)], out);
        out.writeBytes(randomBytes(random.nextInt(8)));
        return out.toByteArray();
    }

    private HostileInput hugeString(byte[] good) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HUGE_STRING_BYTES + 16);
        out.writeBytes(Arrays.copyOf(good, HEADER));
        AvroPrefix.writeLong(HUGE_STRING_BYTES, out);
        byte[] text = new byte[HUGE_STRING_BYTES];
        Arrays.fill(text, (byte) 'x');
        out.writeBytes(text);
        return new HostileInput("huge-string", out.toByteArray(), null);
    }

    private byte[] invalidUtf8() {
        byte[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
        byte[] text = "{\"text\":\"".getBytes(StandardCharsets.UTF_8);
        return random.nextBoolean() ? concat(bad, text) : concat(text, bad);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] body(byte[] encoded) {
        return Arrays.copyOfRange(encoded, HEADER, encoded.length);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
