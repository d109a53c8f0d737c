package io.rewardloop.schemas.serde;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over a byte array that believes no length or count the bytes cannot hold.
 *
 * <p>Avro writes a string or bytes length, and an array or map block count, as a varint ahead of
 * the data; a plain decoder allocates what the varint claims before it reads a byte of the data. A
 * 20-byte record claiming a 2 GB string or a billion-item array then kills the JVM. Here every
 * length must be at most the bytes left, and every block count too (each item of our schemas takes
 * at least one byte), or decoding stops with a {@link LengthBombException} before anything is
 * allocated. The rule refuses only one kind of valid data: arrays or maps of zero-byte items
 * ({@code null}, empty records) with more items than bytes left, which no event schema has.
 *
 * <p>Reads go through a direct (unbuffered) decoder, so the stream's {@code available()} is exactly
 * the bytes left.
 */
final class BoundedDecoder extends Decoder {

    private final ByteArrayInputStream bytes;
    private final BinaryDecoder in;

    BoundedDecoder(byte[] data, int offset, int length) {
        this.bytes = new ByteArrayInputStream(data, offset, length);
        this.in = DecoderFactory.get().directBinaryDecoder(bytes, null);
    }

    /** True when every byte has been read. */
    boolean isEnd() {
        return bytes.available() == 0;
    }

    /** Bytes not read yet. */
    int remaining() {
        return bytes.available();
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = checkedLength("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = checkedLength("string");
        byte[] text = new byte[length];
        in.readFixed(text, 0, length);
        return new String(text, StandardCharsets.UTF_8);
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(checkedLength("string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = checkedLength("bytes");
        ByteBuffer result =
                old != null && old.hasArray() && !old.isReadOnly() && old.capacity() >= length
                        ? old
                        : ByteBuffer.allocate(length);
        result.clear();
        in.readFixed(result.array(), result.arrayOffset(), length);
        result.limit(length);
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(checkedLength("bytes"));
    }

    @Override
    public void readFixed(byte[] target, int start, int length) throws IOException {
        in.readFixed(target, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return checkedCount("array", in.readArrayStart());
    }

    @Override
    public long arrayNext() throws IOException {
        return checkedCount("array", in.arrayNext());
    }

    @Override
    public long skipArray() throws IOException {
        return checkedCount("array", in.skipArray());
    }

    @Override
    public long readMapStart() throws IOException {
        return checkedCount("map", in.readMapStart());
    }

    @Override
    public long mapNext() throws IOException {
        return checkedCount("map", in.mapNext());
    }

    @Override
    public long skipMap() throws IOException {
        return checkedCount("map", in.skipMap());
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }

    /** Reads a string or bytes length and checks it against the bytes left. */
    private int checkedLength(String what) throws IOException {
        long length = in.readLong();
        int left = bytes.available();
        if (length < 0 || length > left) {
            throw new LengthBombException(what + " length " + length, left);
        }
        return (int) length;
    }

    private long checkedCount(String what, long count) throws IOException {
        int left = bytes.available();
        if (count < 0 || count > left) {
            throw new LengthBombException(what + " block of " + count + " items", left);
        }
        return count;
    }

    /** A length or count larger than the bytes left: the record lies about its size. */
    static final class LengthBombException extends IOException {

        private static final long serialVersionUID = 1L;

        LengthBombException(String claim, int left) {
            super(claim + " exceeds the " + left + " bytes left in the record");
        }
    }
}
