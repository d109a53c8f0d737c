package io.rewardloop.service.testing;

import java.io.ByteArrayOutputStream;
import org.apache.avro.Schema;

/**
 * Writes the smallest valid Avro binary for a record's fields up to its first array or map, so that
 * a length bomb written next lands where a block count is read.
 */
final class AvroPrefix {

    private AvroPrefix() {}

    /**
     * Writes minimal values for the fields before the first array or map (depth first).
     *
     * @return whether an array or map was reached
     */
    static boolean untilContainer(Schema schema, ByteArrayOutputStream out) {
        switch (schema.getType()) {
            case ARRAY, MAP:
                return true;
            case RECORD:
                for (Schema.Field field : schema.getFields()) {
                    if (untilContainer(field.schema(), out)) {
                        return true;
                    }
                }
                return false;
            case UNION:
                int branch = schema.getTypes().get(0).getType() == Schema.Type.NULL ? 1 : 0;
                branch = Math.min(branch, schema.getTypes().size() - 1);
                writeLong(branch, out);
                return untilContainer(schema.getTypes().get(branch), out);
            case STRING, BYTES:
                writeLong(1, out);
                out.write('a');
                return false;
            case FLOAT:
                out.writeBytes(new byte[4]);
                return false;
            case DOUBLE:
                out.writeBytes(new byte[8]);
                return false;
            case FIXED:
                out.writeBytes(new byte[schema.getFixedSize()]);
                return false;
            case NULL:
                return false;
            default: // INT, LONG, BOOLEAN, ENUM: zero
                out.write(0);
                return false;
        }
    }

    /** Avro's zig-zag varint. */
    static void writeLong(long value, ByteArrayOutputStream out) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
    }
}
