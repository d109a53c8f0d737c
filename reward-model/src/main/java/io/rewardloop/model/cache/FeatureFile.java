package io.rewardloop.model.cache;

import io.rewardloop.model.backbone.Truncation;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * An append-only file of cached features: a header with the feature dimension, then one entry per
 * pair (32-byte key, truncation, token count, {@code h_y}, {@code h_x}). A partly written last
 * entry (a crash while appending) is ignored on load.
 */
final class FeatureFile {

    private static final int MAGIC = 0x52464331; // "RFC1"
    private static final int KEY_BYTES = 32;

    private FeatureFile() {}

    static Map<ByteBuffer, CachedFeatures> load(Path file, int dimension) {
        Map<ByteBuffer, CachedFeatures> entries = new HashMap<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try (DataInputStream in = new DataInputStream(buffered(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != dimension) {
                throw new IllegalStateException(
                        file + " is not a feature cache of dimension " + dimension);
            }
            while (true) {
                byte[] key = new byte[KEY_BYTES];
                try {
                    in.readFully(key);
                    Truncation truncation = Truncation.values()[in.readByte()];
                    int tokens = in.readInt();
                    float[] response = readVector(in, dimension);
                    float[] prompt = readVector(in, dimension);
                    entries.put(
                            ByteBuffer.wrap(key),
                            new CachedFeatures(response, prompt, truncation, tokens));
                } catch (EOFException endOrPartialEntry) {
                    return entries;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature cache " + file, e);
        }
    }

    static void append(Path file, int dimension, Map<ByteBuffer, CachedFeatures> entries) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            try (DataOutputStream out =
                    new DataOutputStream(
                            new BufferedOutputStream(
                                    Files.newOutputStream(
                                            file,
                                            StandardOpenOption.CREATE,
                                            StandardOpenOption.APPEND),
                                    1 << 16))) {
                if (fresh) {
                    out.writeInt(MAGIC);
                    out.writeInt(dimension);
                }
                for (Map.Entry<ByteBuffer, CachedFeatures> entry : entries.entrySet()) {
                    out.write(entry.getKey().array());
                    out.writeByte(entry.getValue().truncation().ordinal());
                    out.writeInt(entry.getValue().tokenCount());
                    writeVector(out, entry.getValue().responseFeature());
                    writeVector(out, entry.getValue().promptFeature());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write feature cache " + file, e);
        }
    }

    private static float[] readVector(DataInputStream in, int dimension) throws IOException {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = in.readFloat();
        }
        return vector;
    }

    private static void writeVector(DataOutputStream out, float[] vector) throws IOException {
        for (float value : vector) {
            out.writeFloat(value);
        }
    }

    private static InputStream buffered(InputStream in) {
        return new java.io.BufferedInputStream(in, 1 << 16);
    }
}
