package io.rewardloop.model.artifact;

import io.rewardloop.model.artifact.ArtifactException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The binary framing, all little-endian:
 *
 * <pre>
 * magic "RLARMORM" (8) | format version u32 | header length u32 | payload length u64
 * | header (UTF-8 JSON) | payload (float32 tensors, in header order) | CRC-32 of all before u32
 * </pre>
 */
final class ArtifactCodec {

    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "RLARMORM".getBytes(StandardCharsets.US_ASCII);
    private static final int PREAMBLE = MAGIC.length + 4 + 4 + 8;

    private ArtifactCodec() {}

    /** Header JSON and float32 payload, as read back from bytes. */
    record Frame(byte[] header, ByteBuffer payload) {}

    static byte[] write(byte[] header, float[][] tensors) {
        long floats = 0;
        for (float[] tensor : tensors) {
            floats += tensor.length;
        }
        long payload = floats * Float.BYTES;
        ByteBuffer out =
                ByteBuffer.allocate(Math.toIntExact(PREAMBLE + header.length + payload + 4))
                        .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(FORMAT_VERSION).putInt(header.length).putLong(payload).put(header);
        for (float[] tensor : tensors) {
            for (float v : tensor) {
                out.putFloat(v);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    static Frame read(byte[] bytes) {
        if (bytes.length < PREAMBLE + 4) {
            throw new ArtifactException(
                    Reason.TRUNCATED, "only " + bytes.length + " bytes, shorter than the preamble");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new ArtifactException(Reason.NOT_AN_ARTIFACT, "wrong magic bytes");
        }
        int version = in.getInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new ArtifactException(
                    Reason.UNSUPPORTED_VERSION,
                    "format version " + version + ", this reader knows up to " + FORMAT_VERSION);
        }
        long headerLength = Integer.toUnsignedLong(in.getInt());
        long payloadLength = in.getLong();
        long expected = PREAMBLE + headerLength + payloadLength + 4;
        if (payloadLength < 0 || bytes.length < expected) {
            throw new ArtifactException(
                    Reason.TRUNCATED, bytes.length + " bytes, the preamble announces " + expected);
        }
        if (bytes.length > expected) {
            throw new ArtifactException(
                    Reason.CORRUPTED, (bytes.length - expected) + " unexpected trailing bytes");
        }
        checkCrc(bytes);
        byte[] header = new byte[(int) headerLength];
        in.get(header);
        ByteBuffer payload = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        payload.limit((int) payloadLength);
        return new Frame(header, payload);
    }

    private static void checkCrc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored =
                ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if ((int) crc.getValue() != stored) {
            throw new ArtifactException(Reason.CORRUPTED, "CRC-32 mismatch");
        }
    }
}
