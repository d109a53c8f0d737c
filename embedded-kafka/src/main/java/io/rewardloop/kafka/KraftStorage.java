package io.rewardloop.kafka;

import io.rewardloop.common.RewardLoopException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Formats a KRaft log directory (what {@code kafka-storage.sh format} does) and removes one. */
final class KraftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

    private KraftStorage() {}

    /**
     * Formats {@code logDir} for a new single-node cluster, unless it already holds one (a kept
     * directory is reused as it is, with its data).
     *
     * @param logDir the directory; created when missing
     */
    static void formatIfNew(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            LOG.info("Reusing formatted Kafka log directory {}", logDir);
            return;
        }
        try {
            Files.createDirectories(logDir);
            String dir = logDir.toAbsolutePath().toString();
            new Formatter()
                    .setPrintStream(
                            new PrintStream(
                                    OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
                    .setNodeId(BrokerSettings.NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir))
                    .setMetadataLogDirectory(dir)
                    .setControllerListenerName(BrokerSettings.CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new RewardLoopException("Cannot format Kafka log directory " + logDir, e);
        }
    }

    /**
     * Deletes a directory tree; what cannot be deleted is logged, not thrown, since this runs
     * during shutdown.
     *
     * @param dir the directory
     * @return whether the directory is gone
     */
    static boolean deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(KraftStorage::deleteOne);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {} completely: {}", dir, e.toString());
        }
        return !Files.exists(dir);
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
