package io.rewardloop.model.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The on-disk layout: the artifact bytes in {@value ModelArtifact#FILE_NAME} and a {@code
 * sha256sum}-style sidecar in {@value ModelArtifact#SHA256_FILE_NAME}, each written through a
 * temporary file and an atomic move so a reader never sees half a file.
 */
final class ArtifactFiles {

    private ArtifactFiles() {}

    /** What {@link #read(Path)} found: the bytes and the digest the sidecar expects. */
    record Contents(byte[] bytes, String expectedSha256) {}

    static Path write(Path directory, byte[] bytes) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(ModelArtifact.FILE_NAME);
        String sidecar = ModelArtifact.sha256(bytes) + "  " + ModelArtifact.FILE_NAME + "\n";
        writeAtomically(file, bytes);
        writeAtomically(
                directory.resolve(ModelArtifact.SHA256_FILE_NAME),
                sidecar.getBytes(StandardCharsets.US_ASCII));
        return file;
    }

    static Contents read(Path directory) throws IOException {
        byte[] bytes = Files.readAllBytes(directory.resolve(ModelArtifact.FILE_NAME));
        String sidecar =
                Files.readString(
                        directory.resolve(ModelArtifact.SHA256_FILE_NAME),
                        StandardCharsets.US_ASCII);
        return new Contents(bytes, sidecar.strip().split("\\s+")[0]);
    }

    private static void writeAtomically(Path target, byte[] data) throws IOException {
        Path temp =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, data);
            Files.move(
                    temp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
