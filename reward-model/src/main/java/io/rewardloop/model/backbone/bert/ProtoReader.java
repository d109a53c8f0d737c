package io.rewardloop.model.backbone.bert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal reader of the protobuf wire format: just enough to walk an ONNX {@code ModelProto}
 * without generated classes or a protobuf dependency. Each reader covers one message (a slice of
 * the underlying buffer); nested messages are read by {@link #readMessage()}.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buffer;

    ProtoReader(ByteBuffer buffer) {
        this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean hasMore() {
        return buffer.hasRemaining();
    }

    /** Reads the next key; the field number is {@code key >>> 3}, the wire type {@code key & 7}. */
    int readKey() {
        long key = readVarint();
        if (key <= 0 || key > Integer.MAX_VALUE) {
            throw malformed("invalid field key " + key);
        }
        return (int) key;
    }

    long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = next();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    int readFixed32() {
        ensure(4);
        return buffer.getInt();
    }

    /** Returns the payload of a length-delimited field as a little-endian view (no copy). */
    ByteBuffer readBytes() {
        long length = readVarint();
        if (length < 0 || length > buffer.remaining()) {
            throw malformed(
                    "length " + length + " exceeds the " + buffer.remaining() + " bytes left");
        }
        ByteBuffer payload = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        payload.limit((int) length);
        buffer.position(buffer.position() + (int) length);
        return payload;
    }

    ProtoReader readMessage() {
        return new ProtoReader(readBytes());
    }

    String readString() {
        return StandardCharsets.UTF_8.decode(readBytes()).toString();
    }

    /** Skips the value of a field whose key has just been read. */
    void skip(int key) {
        switch (key & 7) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> readBytes();
            case FIXED32 -> advance(4);
            default -> throw malformed("unsupported wire type " + (key & 7));
        }
    }

    private void advance(int bytes) {
        ensure(bytes);
        buffer.position(buffer.position() + bytes);
    }

    private byte next() {
        ensure(1);
        return buffer.get();
    }

    private void ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            throw malformed("truncated message");
        }
    }

    private static OnnxFormatException malformed(String detail) {
        return new OnnxFormatException("Malformed protobuf: " + detail);
    }
}
