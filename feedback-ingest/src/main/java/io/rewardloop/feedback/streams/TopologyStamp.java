package io.rewardloop.feedback.streams;

import io.rewardloop.feedback.FeedbackJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a Streams application's local state only while its topology stays the same. Local state is
 * a cache of the changelogs, but Kafka Streams keys it by task id, and a changed topology numbers
 * its sub-topologies differently: state written by the previous release then sits in the task
 * directories of other sub-topologies (Kafka Streams 4.3 fails at start-up on it). A hash of the
 * topology's description is kept in the application's state directory; when it differs (or is
 * missing beside existing state), the state is wiped before start and restored from the changelogs.
 */
public final class TopologyStamp {

    /** The file, in {@code <state dir>/<application id>}, holding the hash. */
    public static final String FILE = "rlhf-topology.sha256";

    private static final Logger LOG = LoggerFactory.getLogger(TopologyStamp.class);

    private TopologyStamp() {}

    /**
     * Deletes the application's local state if it was written by another topology, then records
     * this one's. Call before creating the {@link org.apache.kafka.streams.KafkaStreams}, which
     * locks the directory.
     *
     * @param appStateDir {@code <state dir>/<application id>}
     * @param topology what the application will run
     * @return whether state was deleted
     */
    public static boolean wipeIfChanged(Path appStateDir, TopologyDescription topology) {
        String stamp = FeedbackJson.sha256Hex(topology.toString());
        Path file = appStateDir.resolve(FILE);
        try {
            boolean wipe =
                    Files.isDirectory(appStateDir)
                            && !(Files.isRegularFile(file)
                                    && stamp.equals(
                                            Files.readString(file, StandardCharsets.UTF_8)
                                                    .strip()));
            if (wipe) {
                LOG.info(
                        "{} holds state of another topology (an earlier release): wiping it, it is"
                                + " restored from the changelogs",
                        appStateDir);
                Utils.delete(appStateDir.toFile());
            }
            Files.createDirectories(appStateDir);
            Files.writeString(file, stamp, StandardCharsets.UTF_8);
            return wipe;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the topology stamp in " + appStateDir, e);
        }
    }
}
