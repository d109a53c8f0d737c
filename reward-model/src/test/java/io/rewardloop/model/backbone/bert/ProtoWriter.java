package io.rewardloop.model.backbone.bert;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes protobuf wire format by hand, to build small ONNX files for tests. */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        key(field, 0);
        writeVarint(value);
        return this;
    }

    ProtoWriter bytes(int field, byte[] value) {
        key(field, 2);
        writeVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    ProtoWriter fixed32(int field, float value) {
        key(field, 5);
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        out.writeBytes(b.array());
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    static byte[] littleEndian(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private void key(int field, int wireType) {
        writeVarint((long) field << 3 | wireType);
    }

    private void writeVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
