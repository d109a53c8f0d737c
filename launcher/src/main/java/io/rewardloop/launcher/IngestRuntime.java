package io.rewardloop.launcher;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.feedback.FeedbackIngestService;
import io.rewardloop.feedback.IngestConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * The feedback ingest that {@code rlhf up} runs as a {@link LocalService}: its HTTP API on
 * 127.0.0.1 unless {@code feedback.http.bind} says otherwise, and its Kafka Streams state in a
 * fresh temporary directory unless {@code feedback.state.dir} is set (the state is a cache of
 * changelogs that live in Kafka; a stale local copy from an earlier broker must not be reused).
 */
final class IngestRuntime {

    private IngestRuntime() {}

    static LocalService<FeedbackIngestService> start(
            KafkaStack stack,
            ClusterOptions cluster,
            Map<String, String> defaults,
            PrintWriter out) {
        ConfigSource source =
                LocalService.source(stack, cluster, defaults, IngestConfig.HTTP_PREFIX + ".bind");
        if (source.raw(IngestConfig.STATE_DIR).isEmpty()) {
            source = source.withOverrides(Map.of(IngestConfig.STATE_DIR, temporaryStateDir()));
        }
        IngestConfig config = IngestConfig.from(source);
        return LocalService.start(
                "Feedback ingest", () -> FeedbackIngestService.start(config), null, out);
    }

    private static String temporaryStateDir() {
        try {
            java.nio.file.Path dir = Files.createTempDirectory("rlhf-feedback-state");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create a state directory for feedback ingest", e);
        }
    }
}
