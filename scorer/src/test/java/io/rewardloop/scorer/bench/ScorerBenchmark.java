package io.rewardloop.scorer.bench;

import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelKeys;
import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.events.RewardScored;
import io.rewardloop.kafka.EmbeddedKafkaBroker;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.heads.TrainingProgressListener;
import io.rewardloop.model.scoring.ArmoRmScorer;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.model.training.EmbeddingProgress;
import io.rewardloop.model.training.HeadKind;
import io.rewardloop.model.training.RewardModelTraining;
import io.rewardloop.model.training.TrainingRequest;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import io.rewardloop.service.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * End-to-end scorer benchmark, run by hand (never in CI). In one run, on one embedded broker:
 *
 * <ol>
 *   <li><b>raw</b>: the model alone ({@link ArmoRmScorer}) on the same responses, in batches of
 *       every size the scorer's own batching can form (powers of two from 8 up to {@code
 *       scorer.max.poll.records}), once before and once after the end-to-end run; the figure is the
 *       <i>best</i> of all of them, so that the scorer, which can do no better than the model at
 *       its best batch size, stays at or below 1 on the end-to-end / raw ratio by construction (a
 *       ratio above 1 is flagged in the report as measurement noise);
 *   <li><b>end to end</b>: all responses produced first, then one scorer instance drains them
 *       through the broker (read_committed in, transactions out); responses/s from the first to the
 *       last committed reward, and the ratio to raw;
 *   <li><b>latency</b>: responses offered at a fixed rate, by default half the end-to-end capacity
 *       measured just before in the same run ({@code --rate R} fixes it instead); produce to
 *       committed-reward latency p50/p99 seen by a read_committed consumer. The load generator
 *       sleeps between sends ({@link LockSupport#parkNanos}), so it takes no core from the scorer.
 * </ol>
 *
 * <pre>
 * scorer/scripts/scorer-benchmark.sh --responses 2000 --seconds 30 --out benchmarks/results/scorer.md
 * </pre>
 */
public final class ScorerBenchmark {

    private static final Map<String, String> SERDE = Map.of("schema.registry.url", "embedded");

    private ScorerBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code --responses N [--rate R | --load F] --seconds S [--raw-responses M] --out
     *     FILE}: the offered rate is {@code R}, or {@code F} (default 0.5) times the end-to-end
     *     capacity measured in the same run
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(arg(args, "--responses", "2000"));
        String fixedRate = arg(args, "--rate", "");
        double load = Double.parseDouble(arg(args, "--load", "0.5"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "30"));
        int rawCount = Integer.parseInt(arg(args, "--raw-responses", "512"));
        Path out = Path.of(arg(args, "--out", "benchmarks/results/scorer.md"));
        List<ResponseGenerated> responses = responses("e2e", n, 7);
        List<ResponseGenerated> rawInputs = responses.subList(0, Math.min(rawCount, n));
        int maxPollRecords = config("localhost:9092", "probe").maxPollRecords();
        ModelArtifact artifact = trainModel();
        RawBest rawBefore = rawThroughput(artifact, rawInputs, maxPollRecords);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().optPort(0).build()) {
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicAdmin.createAll(admin, Topics.all(), (short) 1);
            }
            // Through a store directory, as a deployment with models over the inline limit has one.
            ChannelConfig channel =
                    ChannelConfig.defaults()
                            .withArtifactDir(Files.createTempDirectory("bench-models"));
            publish(broker.bootstrapServers(), artifact, channel);
            double e2e = endToEnd(broker.bootstrapServers(), responses, channel);
            // Raw again, warm: the best of both runs and every batch size is the reference.
            RawBest raw = rawBefore.max(rawThroughput(artifact, rawInputs, maxPollRecords));
            double rate = fixedRate.isEmpty() ? load * e2e : Double.parseDouble(fixedRate);
            double[] latency = latency(broker.bootstrapServers(), rate, seconds, channel);
            String report =
                    report(
                            n,
                            raw,
                            e2e,
                            rate,
                            fixedRate.isEmpty() ? load : -1,
                            seconds,
                            latency,
                            args);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.out.println(report);
        }
    }

    /** The best raw throughput and the batch size it was reached at. */
    record RawBest(double perSecond, int batchSize) {
        RawBest max(RawBest other) {
            return other.perSecond > perSecond ? other : this;
        }
    }

    /** Raw model throughput at every batch size the scorer can form; the best of them. */
    static RawBest rawThroughput(
            ModelArtifact artifact, List<ResponseGenerated> responses, int maxPollRecords) {
        try (RawModel raw = new RawModel(artifact, responses)) {
            RawBest best = new RawBest(0, 0);
            for (int size = Math.min(8, maxPollRecords); size <= maxPollRecords; size *= 2) {
                double perSecond = raw.perSecond(size);
                System.err.printf(
                        Locale.ROOT, "raw: batches of %d: %.1f responses/s%n", size, perSecond);
                best = best.max(new RawBest(perSecond, size));
            }
            return best;
        }
    }

    /** The model scoring directly (no Kafka, no HTTP), warmed up, over a fixed list of pairs. */
    static final class RawModel implements AutoCloseable {
        private final BackboneCatalog catalog = new BackboneCatalog();
        private final ArmoRmScorer scorer;
        private final List<PromptResponse> inputs = new ArrayList<>();

        RawModel(ModelArtifact artifact, List<ResponseGenerated> responses) {
            Backbone backbone = catalog.get(artifact.backboneId());
            scorer = new ArmoRmScorer("raw", artifact.model(), backbone);
            responses.forEach(r -> inputs.add(new PromptResponse(r.getPrompt(), r.getResponse())));
            scorer.score(inputs.subList(0, Math.min(64, inputs.size()))); // warm-up
        }

        /** Pairs/s of one pass over all pairs in batches of {@code size}. */
        double perSecond(int size) {
            long start = System.nanoTime();
            for (int from = 0; from < inputs.size(); from += size) {
                scorer.score(inputs.subList(from, Math.min(inputs.size(), from + size)));
            }
            return inputs.size() / ((System.nanoTime() - start) / 1e9);
        }

        /** {@link #perSecond} at a fixed batch size, as a supplier. */
        java.util.function.DoubleSupplier at(int size) {
            return () -> perSecond(size);
        }

        @Override
        public void close() {
            catalog.close();
        }
    }

    private static double endToEnd(
            String bootstrap, List<ResponseGenerated> responses, ChannelConfig channel)
            throws Exception {
        produce(bootstrap, responses);
        try (ArtifactModelLoader loader =
                        new ArtifactModelLoader(BackboneCatalog.DEFAULT_BATCH_TOKENS);
                KafkaConsumer<String, RewardScored> rewards = rewardConsumer(bootstrap, "e2e");
                ScorerService scorer =
                        ScorerService.start(config(bootstrap, "bench-e2e"), loader, channel)) {
            long first = 0;
            long last = 0;
            int firstPoll = 0;
            int seen = 0;
            while (seen < responses.size()) {
                int count = rewards.poll(Duration.ofMillis(100)).count();
                if (count == 0) {
                    continue;
                }
                last = System.nanoTime();
                if (seen == 0) {
                    first = last;
                    firstPoll = count;
                }
                seen += count;
            }
            if (seen == firstPoll) {
                throw new IllegalStateException(
                        "all "
                                + seen
                                + " rewards arrived at once: too few --responses to measure"
                                + " throughput");
            }
            // From the first committed batch to the last: excludes model loading and the first
            // group join; the first batch's rewards are the start line, not counted.
            return (seen - firstPoll) / ((last - first) / 1e9);
        }
    }

    private static double[] latency(
            String bootstrap, double rate, int seconds, ChannelConfig channel) throws Exception {
        List<ResponseGenerated> offered = responses("lat", (int) (rate * seconds), 11);
        List<Double> latencies = new ArrayList<>();
        try (ArtifactModelLoader loader =
                        new ArtifactModelLoader(BackboneCatalog.DEFAULT_BATCH_TOKENS);
                KafkaConsumer<String, RewardScored> rewards = rewardConsumer(bootstrap, "lat");
                ScorerService scorer =
                        // the end-to-end run's drained group: no backlog ahead of the offered load
                        ScorerService.start(config(bootstrap, "bench-e2e"), loader, channel)) {
            while (!scorer.health().up()) {
                rewards.poll(Duration.ofMillis(100));
            }
            Thread producer = new Thread(() -> produceAtRate(bootstrap, offered, rate));
            producer.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 60).toNanos();
            while (latencies.size() < offered.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, RewardScored> r : rewards.poll(Duration.ofMillis(50))) {
                    if (r.value().getResponseId().startsWith("lat-")) {
                        latencies.add((double) (System.currentTimeMillis() - responseCreatedAt(r)));
                    }
                }
            }
            producer.join();
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {percentile(sorted, 0.5), percentile(sorted, 0.99), sorted.length};
    }

    /** The produce time travels in the prompt id ({@code id@millis}), stamped when offered. */
    private static long responseCreatedAt(ConsumerRecord<String, RewardScored> record) {
        String promptId = record.value().getPromptId();
        return Long.parseLong(promptId.substring(promptId.lastIndexOf('@') + 1));
    }

    private static void produceAtRate(
            String bootstrap, List<ResponseGenerated> offered, double rate) {
        try (KafkaProducer<String, ResponseGenerated> producer = producer(bootstrap)) {
            long start = System.nanoTime();
            for (int i = 0; i < offered.size(); i++) {
                long due = start + (long) (i * 1e9 / rate);
                // Sleep, never spin: a busy-waiting load generator takes a core from the scorer.
                for (long wait = due - System.nanoTime();
                        wait > 0;
                        wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                ResponseGenerated r = offered.get(i);
                r.setPromptId(r.getPromptId() + "@" + System.currentTimeMillis());
                producer.send(new ProducerRecord<>(Topics.RESPONSES.name(), r.getPromptId(), r));
            }
        }
    }

    private static void produce(String bootstrap, List<ResponseGenerated> responses) {
        try (KafkaProducer<String, ResponseGenerated> producer = producer(bootstrap)) {
            responses.forEach(
                    r ->
                            producer.send(
                                    new ProducerRecord<>(
                                            Topics.RESPONSES.name(), r.getPromptId(), r)));
        }
    }

    private static KafkaProducer<String, ResponseGenerated> producer(String bootstrap) {
        Map<String, Object> props =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.LINGER_MS_CONFIG,
                        0);
        return new KafkaProducer<>(
                props,
                Topics.RESPONSES.keySerde(SERDE).serializer(),
                Topics.RESPONSES.valueSerde(SERDE).serializer());
    }

    private static KafkaConsumer<String, RewardScored> rewardConsumer(
            String bootstrap, String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + group);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, RewardScored> consumer =
                new KafkaConsumer<>(
                        props,
                        Topics.REWARDS.keySerde(SERDE).deserializer(),
                        Topics.REWARDS.valueSerde(SERDE).deserializer());
        consumer.subscribe(List.of(Topics.REWARDS.name()));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }

    private static ScorerConfig config(String bootstrap, String group) {
        return ScorerConfig.from(
                ConfigSource.of(
                        Map.of(),
                        Map.of(
                                "bootstrap.servers",
                                bootstrap,
                                "scorer.group.id",
                                group,
                                "scorer.instance.id",
                                group,
                                "scorer.http.port",
                                "-1")));
    }

    static ModelArtifact trainModel() throws Exception {
        List<PreferencePair> pairs = new ArrayList<>();
        for (ResponseGenerated r : responses("train", 64, 3)) {
            pairs.add(
                    new PreferencePair(
                            r.getPrompt(),
                            r.getResponse(),
                            "I will not answer that.",
                            "helpfulness",
                            null));
        }
        try (BackboneCatalog catalog = new BackboneCatalog()) {
            Backbone backbone = catalog.get("all-minilm-l6-v2/mean-l2/pair256-prompt128");
            var result =
                    RewardModelTraining.train(
                            new TrainingRequest(pairs, List.of(), HeadKind.ARMO, 1, true, 20),
                            backbone,
                            EmbeddingProgress.NONE,
                            TrainingProgressListener.NONE);
            return ModelArtifact.builder()
                    .setModel(result.model())
                    .setModelVersion("bench-1")
                    .setBackboneId(backbone.id())
                    .build();
        }
    }

    static void publish(String bootstrap, ModelArtifact artifact, ChannelConfig channel) {
        new ModelPublisher(KafkaSettings.embedded(bootstrap), channel)
                .publish(artifact, ModelKeys.DEFAULT_LINEAGE, RetrainTrigger.MANUAL);
    }

    /**
     * Realistic chat-length responses: 40-160 words, prompts of 10-40 words, 4 responses per
     * prompt.
     */
    static List<ResponseGenerated> responses(String prefix, int n, long seed) {
        String[] words =
                ("the a model reward policy answer helpful safe data train step user question explain "
                                + "because example code result value people time good better clear short long simple detail")
                        .split(" ");
        Random random = new Random(seed);
        List<ResponseGenerated> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Random promptRandom = new Random(seed * 31 + i / 4);
            out.add(
                    ResponseGenerated.newBuilder()
                            .setResponseId(prefix + "-" + i)
                            .setPromptId(prefix + "-p" + (i / 4))
                            .setPrompt(
                                    text(promptRandom, words, 10 + promptRandom.nextInt(30)) + "?")
                            .setResponse(text(random, words, 40 + random.nextInt(120)) + ".")
                            .setPolicyVersion("bench")
                            .setRlhfRound(1)
                            .setCreatedAt(Instant.now())
                            .build());
        }
        return out;
    }

    private static String text(Random random, String[] words, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static String report(
            int n,
            RawBest raw,
            double e2e,
            double rate,
            double load,
            int seconds,
            double[] latency,
            String[] args) {
        double ratio = e2e / raw.perSecond();
        String offered =
                load > 0
                        ? String.format(
                                Locale.ROOT,
                                "%.1f responses/s (%.0f%% of the end-to-end capacity above) for %d s",
                                rate,
                                load * 100,
                                seconds)
                        : String.format(Locale.ROOT, "%.1f responses/s for %d s", rate, seconds);
        return String.format(
                Locale.ROOT,
                "# Scorer: end-to-end throughput and latency%n%n"
                        + "One scorer instance, embedded single-node KRaft broker, exactly-once (read_committed in, "
                        + "transactions out), all-MiniLM-L6-v2 on DJL's PyTorch engine (CPU), %d responses of 40-160 "
                        + "words with prompts of 10-40 words.%n%n"
                        + "| measure | value |%n| --- | ---: |%n"
                        + "| raw model (ArmoRmScorer): best over batches of 8..max.poll.records, before and after | %.1f responses/s (batches of %d) |%n"
                        + "| end to end through Kafka | %.1f responses/s |%n"
                        + "| **ratio end-to-end / raw** | **%.2f**%s |%n"
                        + "| offered load (paced by sleeping, no busy-wait) | %s |%n"
                        + "| latency p50 (produce -> committed reward visible) | %.0f ms |%n"
                        + "| latency p99 | %.0f ms |%n"
                        + "| responses measured for latency | %.0f |%n%n"
                        + "Machine: %d cores, %s %s, OMP_WAIT_POLICY=%s.%n%n"
                        + "Reproduce: `scorer/scripts/scorer-benchmark.sh %s`%n",
                n,
                raw.perSecond(),
                raw.batchSize(),
                e2e,
                ratio,
                ratio > 1 ? " (above 1: noise between the runs; rerun on a quiet machine)" : "",
                offered,
                latency[0],
                latency[1],
                latency[2],
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"),
                String.join(" ", args));
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
