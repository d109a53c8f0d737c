package io.rewardloop.launcher;

import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rlhf feedback}: import feedback files into a running ingest, count recorded feedback. */
@Command(
        name = "feedback",
        mixinStandardHelpOptions = true,
        description =
                "Import feedback files into a running feedback ingest; count what is recorded.",
        subcommands = {FeedbackCommand.ImportCommand.class, FeedbackCommand.CountCommand.class})
final class FeedbackCommand implements Runnable {

    @Spec private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rlhf feedback import FILE...}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Post JSON-lines files (the pair, HH-RLHF and rating formats rlhf train reads;"
                        + " .gz too) to a running feedback ingest in batches. Ids derive from"
                        + " annotator + content, so rerunning adds nothing (duplicates).",
                "Progress on stderr; summary on stdout with FILE:LINE for every rejected line."
                        + " Exit code 1 when a line was rejected."
            })
    static final class ImportCommand implements Callable<Integer> {

        @Spec private CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "JSON-lines files.")
        private List<Path> files = new ArrayList<>();

        @Option(
                names = "--url",
                defaultValue = "http://127.0.0.1:8090",
                description = "The ingest (default: ${DEFAULT-VALUE}, what rlhf up serves).")
        private String url;

        @Option(
                names = "--token",
                description =
                        "Bearer token (default: the RLHF_FEEDBACK_TOKEN environment variable).")
        private String token;

        @Option(
                names = "--annotator",
                paramLabel = "ID",
                description =
                        "Annotator of lines without \"annotatorId\" (default: import:<file name>).")
        private String annotator;

        @Option(
                names = "--batch",
                defaultValue = "500",
                description = "Items per request, 1..5000 (default: ${DEFAULT-VALUE}).")
        private int batch;

        @Override
        public Integer call() throws Exception {
            if (batch < 1 || batch > 5000) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--batch must be 1..5000, not " + batch);
            }
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "no such file: " + file);
                }
            }
            String bearer = token != null ? token : System.getenv("RLHF_FEEDBACK_TOKEN");
            FeedbackImporter importer = new FeedbackImporter(url, bearer, batch);
            ImportSummary summary = new ImportSummary();
            PrintWriter err = spec.commandLine().getErr();
            for (Path file : files) {
                ImportProgress progress = new ImportProgress(err, file, Files.size(file));
                String who =
                        annotator != null ? annotator : "import:" + file.getFileName().toString();
                importer.importFile(file, who, summary, progress);
                progress.done(summary);
            }
            summary.print(spec.commandLine().getOut());
            return summary.rejected() > 0 ? 1 : 0;
        }
    }

    /** {@code rlhf feedback count}: records and distinct ids on the feedback topics. */
    @Command(
            name = "count",
            mixinStandardHelpOptions = true,
            description =
                    "Count the committed records (read_committed) on rlhf.preferences and"
                            + " rlhf.ratings and their distinct keys (feedback ids): equal when"
                            + " nothing is duplicated. Reads to the end offsets as of the start.")
    static final class CountCommand implements Callable<Integer> {

        @Spec private CommandSpec spec;
        @Mixin private ClusterOptions cluster;

        @Override
        public Integer call() {
            KafkaSettings kafka = KafkaSettings.from(cluster.source(Map.of()), "localhost:9092");
            Map<String, Object> config = kafka.clientConfig();
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            PrintWriter out = spec.commandLine().getOut();
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(
                            config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                for (String topic : List.of(Topics.PREFERENCES.name(), Topics.RATINGS.name())) {
                    long[] counts = count(consumer, topic);
                    out.printf("%s records=%d distinct=%d%n", topic, counts[0], counts[1]);
                }
            }
            out.flush();
            return 0;
        }

        private static long[] count(KafkaConsumer<byte[], byte[]> consumer, String topic) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long records = 0;
            Set<String> keys = new HashSet<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    keys.add(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8));
                }
            }
            return new long[] {records, keys.size()};
        }
    }
}
