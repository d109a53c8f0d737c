package io.rewardloop.channel;

import io.rewardloop.common.RewardLoopException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The configured artifact directory: publishers write large artifacts into it as {@code
 * <lineage>/<version>-<sha256>.rlhfmodel} and name them {@code store:<lineage>/<file>}; followers
 * read a {@code store:} reference only when it resolves to a regular file inside the directory.
 * Anything else is refused before a byte is read: absolute paths, {@code ..} or {@code .} segments,
 * backslashes, a symbolic link that leads outside, devices and pipes ({@code /dev/zero}), and files
 * larger than the record says or than the size limit.
 */
public final class ArtifactStore {

    /** The URI scheme of artifacts in the store. */
    public static final String SCHEME = "store:";

    private final Path root;

    /**
     * Opens a store.
     *
     * @param root the directory (created on the first write)
     */
    public ArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Writes an artifact (through a temporary file and an atomic move) unless it is already there.
     *
     * @param lineage the lineage
     * @param version the version
     * @param sha256 the artifact's sha256
     * @param bytes the artifact
     * @return its {@code store:} URI
     */
    public String write(String lineage, String version, String sha256, byte[] bytes) {
        String relative =
                ModelKeys.checkLineage(lineage)
                        + "/"
                        + ModelKeys.checkVersion(version)
                        + "-"
                        + sha256
                        + ".rlhfmodel";
        Path target = root.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            if (!Files.isRegularFile(target)) {
                Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new RewardLoopException("cannot write artifact to " + target, e);
        }
        return SCHEME + relative;
    }

    /**
     * Reads a {@code store:} reference, confined to the store.
     *
     * @param uri the reference
     * @param limit the most bytes accepted (the record's size, capped by the size limit)
     * @return the bytes
     * @throws RewardLoopException when the reference is refused or cannot be read
     */
    public byte[] read(String uri, long limit) {
        Path file = resolve(uri);
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw refused(uri, "it leads outside the artifact store");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(uri, "not a regular file");
            }
            long size = Files.size(real);
            if (size > limit) {
                throw refused(uri, size + " bytes, more than the " + limit + " allowed");
            }
            try (InputStream in = Files.newInputStream(real)) {
                return Bounded.readAtMost(in, limit, uri);
            }
        } catch (IOException e) {
            throw new RewardLoopException("cannot read artifact " + uri + ": " + e, e);
        }
    }

    /**
     * Checks a reference's form without touching the file system.
     *
     * @param uri a {@code store:} reference
     * @return the path it names inside the store
     */
    Path resolve(String uri) {
        String relative = uri.substring(SCHEME.length());
        if (relative.isEmpty()
                || relative.startsWith("/")
                || relative.indexOf('\\') >= 0
                || relative.indexOf('\0') >= 0
                || relative.contains("//")) {
            throw refused(uri, "not a relative path inside the store");
        }
        for (String segment : relative.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw refused(uri, "'" + segment + "' segments are not allowed");
            }
        }
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw refused(uri, "it leads outside the artifact store");
        }
        return file;
    }

    private static RewardLoopException refused(String uri, String why) {
        return new RewardLoopException("refusing artifact " + uri + ": " + why);
    }
}
