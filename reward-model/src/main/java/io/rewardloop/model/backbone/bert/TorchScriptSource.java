package io.rewardloop.model.backbone.bert;

import ai.djl.Device;
import ai.djl.ModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.rewardloop.model.backbone.BackboneException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module without parameters, compiled by libtorch from its source at load time.
 *
 * <p>The archive is the one {@code torch.jit.save} writes, reduced to what {@code torch::jit::load}
 * reads: the class's source under {@code code/}, the module object pickled with no state but its
 * {@code training} flag ({@code data.pkl}), an empty constants table and the format version. That
 * gives a Java program the aten operators DJL does not bind, such as {@code
 * scaled_dot_product_attention}, with no Python and no file shipped.
 *
 * @param className the module's class name, a Python identifier
 * @param body the class body: a {@code forward} method and any helpers, indented by 2 spaces, in
 *     TorchScript's serialized dialect ({@code self: __torch__.ClassName} on every method)
 */
public record TorchScriptSource(String className, String body) {

    /** The format version {@code torch.jit.save} has written since PyTorch 1.3. */
    private static final String FORMAT_VERSION = "3\n";

    /** Checks the class name. */
    public TorchScriptSource {
        if (!className.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Not a class name: " + className);
        }
    }

    /**
     * Returns the archive's bytes.
     *
     * @return a zip that {@code torch.jit.load} accepts
     */
    public byte[] archive() {
        String code =
                "class "
                        + className
                        + "(Module):\n"
                        + "  __parameters__ = []\n"
                        + "  __buffers__ = []\n"
                        + "  training : bool\n"
                        + body;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            String root = className.toLowerCase(java.util.Locale.ROOT) + "/";
            store(zip, root + "data.pkl", moduleObject());
            store(zip, root + "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            store(zip, root + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            store(zip, root + "version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("Writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Compiles the module on the PyTorch engine.
     *
     * @param device where its outputs live, or null for the engine's default
     * @return the loaded module; close it when done
     */
    public ZooModel<NDList, NDList> load(Device device) {
        Path file = null;
        try {
            file = Files.createTempFile(className, ".pt");
            Files.write(file, archive());
            Criteria<NDList, NDList> criteria =
                    Criteria.builder()
                            .setTypes(NDList.class, NDList.class)
                            .optModelPath(file)
                            .optEngine("PyTorch")
                            .optDevice(device)
                            .optTranslator(new NoopTranslator())
                            .build();
            return criteria.loadModel();
        } catch (IOException | ModelException | RuntimeException e) {
            throw new BackboneException("Cannot compile TorchScript module " + className, e);
        } finally {
            deleteQuietly(file);
        }
    }

    /**
     * Pickle (protocol 2) of {@code __torch__.ClassName} built from {@code {"training": False}}.
     */
    private byte[] moduleObject() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80); // PROTO 2
        out.write(2);
        out.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(')'); // EMPTY_TUPLE
        out.write(0x81); // NEWOBJ
        out.write('}'); // EMPTY_DICT
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        out.write('X'); // BINUNICODE, 4-byte little-endian length
        out.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
        out.writeBytes(key);
        out.write(0x89); // NEWFALSE
        out.write('s'); // SETITEM
        out.write('b'); // BUILD
        out.write('.'); // STOP
        return out.toByteArray();
    }

    /** Stores an entry uncompressed, as torch.jit.save does. */
    private static void store(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left behind is harmless.
            }
        }
    }
}
