package io.rewardloop.scorer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.kafka.EmbeddedKafkaBroker;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import io.rewardloop.scorer.bench.ScorerBenchmark.RawBest;
import io.rewardloop.scorer.metrics.HttpScoringMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * HTTP scoring benchmark, run by hand (never in CI). In one run, on one embedded broker, with the
 * same (prompt, response) pairs throughout, sent as OpenRLHF sends them ({@code POST /get_reward},
 * {@code --pairs-per-request} pairs a request):
 *
 * <ol>
 *   <li><b>raw</b>: the model alone on the pairs, at every batch size from 8 to 256, before and
 *       after the HTTP runs; the best of them is the reference;
 *   <li><b>batched</b> (dynamic batching, the default): pairs/s at saturation, {@code --clients}
 *       closed-loop clients each sending its next request when the last one is answered; then
 *       request latency p50/p99 at {@code --load} (default half) of that throughput, offered at a
 *       fixed rate by a sender that sleeps between requests (open loop, no busy-wait);
 *   <li><b>one request a forward pass</b> ({@code scorer.http.batching=false}, OpenRLHF's own
 *       reward server): the same two figures, at half its own saturation throughput.
 * </ol>
 *
 * <pre>
 * scorer/scripts/http-benchmark.sh --seconds 30 --out benchmarks/results/scorer-http.md
 * </pre>
 */
public final class HttpScoringBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RAW_MAX_BATCH = 256;
    private static final int INTERLEAVED_SLICES = 6;
    private static final int INTERLEAVED_HTTP_SECONDS = 10;
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpScoringBenchmark() {}

    /** What one HTTP mode measured. */
    private record Measured(
            double saturation,
            double meanBatch,
            double offered,
            double p50,
            double p99,
            int latencies,
            long errors,
            Interleaved interleaved) {}

    /**
     * HTTP saturation and the raw model taking turns in short slices: both see the same machine
     * state, so a drift in the machine's speed over the run (measured here at up to 30% between the
     * raw runs before and after) does not land on one side of the ratio.
     *
     * @param http pairs/s over HTTP, all HTTP slices together
     * @param raw pairs/s of the raw model at its best batch size, all raw slices together
     * @param slices how many slices of each
     */
    private record Interleaved(double http, double raw, int slices) {
        double ratio() {
            return http / raw;
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code [--pairs N] [--pairs-per-request K] [--clients C] [--seconds S] [--load F]
     *     [--raw-pairs M] [--batch-tokens T] [--out FILE]}
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(ScorerBenchmark.arg(args, "--pairs", "2048"));
        int perRequest = Integer.parseInt(ScorerBenchmark.arg(args, "--pairs-per-request", "8"));
        int clients = Integer.parseInt(ScorerBenchmark.arg(args, "--clients", "32"));
        int seconds = Integer.parseInt(ScorerBenchmark.arg(args, "--seconds", "30"));
        double load = Double.parseDouble(ScorerBenchmark.arg(args, "--load", "0.5"));
        int rawCount = Integer.parseInt(ScorerBenchmark.arg(args, "--raw-pairs", "512"));
        String batchTokens = ScorerBenchmark.arg(args, "--batch-tokens", "65536");
        Path out = Path.of(ScorerBenchmark.arg(args, "--out", "benchmarks/results/scorer-http.md"));
        List<ResponseGenerated> pairs = ScorerBenchmark.responses("http", n, 7);
        List<String> bodies = bodies(pairs, perRequest);
        List<ResponseGenerated> rawPairs = pairs.subList(0, Math.min(rawCount, n));
        ModelArtifact artifact = ScorerBenchmark.trainModel();
        RawBest rawBefore = ScorerBenchmark.rawThroughput(artifact, rawPairs, RAW_MAX_BATCH);
        Measured batched;
        Measured single;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().optPort(0).build()) {
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicAdmin.createAll(admin, Topics.all(), (short) 1);
            }
            ChannelConfig channel =
                    ChannelConfig.defaults()
                            .withArtifactDir(Files.createTempDirectory("bench-models"));
            ScorerBenchmark.publish(broker.bootstrapServers(), artifact, channel);
            Map<String, String> settings = new HashMap<>();
            settings.put("bootstrap.servers", broker.bootstrapServers());
            settings.put("scorer.http.bind", "127.0.0.1");
            settings.put("scorer.http.port", "0");
            settings.put("scorer.http.batch.tokens", batchTokens);
            try (ScorerBenchmark.RawModel rawModel =
                    new ScorerBenchmark.RawModel(artifact, rawPairs)) {
                batched =
                        measure(
                                settings,
                                "batched",
                                channel,
                                bodies,
                                perRequest,
                                clients,
                                seconds,
                                load,
                                rawModel.at(rawBefore.batchSize()));
            }
            settings.put("scorer.http.batching", "false");
            single =
                    measure(
                            settings,
                            "single",
                            channel,
                            bodies,
                            perRequest,
                            clients,
                            seconds,
                            load,
                            null);
        }
        RawBest raw =
                rawBefore.max(ScorerBenchmark.rawThroughput(artifact, rawPairs, RAW_MAX_BATCH));
        String report =
                report(
                        n,
                        perRequest,
                        clients,
                        seconds,
                        load,
                        raw,
                        rawBefore.batchSize(),
                        batched,
                        single,
                        args);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** OpenRLHF's request bodies: each query the prompt followed by the response. */
    private static List<String> bodies(List<ResponseGenerated> pairs, int perRequest) {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from + perRequest <= pairs.size(); from += perRequest) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode query = body.putArray("query");
            ArrayNode prompts = body.putArray("prompts");
            for (ResponseGenerated r : pairs.subList(from, from + perRequest)) {
                query.add(r.getPrompt() + r.getResponse());
                prompts.add(r.getPrompt());
            }
            bodies.add(body.toString());
        }
        return bodies;
    }

    private static Measured measure(
            Map<String, String> settings,
            String instance,
            ChannelConfig channel,
            List<String> bodies,
            int perRequest,
            int clients,
            int seconds,
            double load,
            DoubleSupplier rawSlice)
            throws Exception {
        Map<String, String> props = new HashMap<>(settings);
        props.put("scorer.instance.id", "bench-http-" + instance);
        props.put("scorer.group.id", "bench-http-" + instance);
        ScorerConfig config = ScorerConfig.from(ConfigSource.of(Map.of(), props));
        try (ArtifactModelLoader loader =
                        new ArtifactModelLoader(BackboneCatalog.DEFAULT_BATCH_TOKENS);
                ScorerService scorer = ScorerService.start(config, loader, channel)) {
            while (!scorer.health().up()) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            URI url =
                    URI.create(
                            "http://127.0.0.1:" + scorer.httpPort().orElseThrow() + "/get_reward");
            AtomicLong errors = new AtomicLong();
            closedLoop(
                    url, bodies, clients, Math.max(3, seconds / 5), perRequest, errors); // warm-up
            HttpScoringMetrics metrics = scorer.httpScoringMetrics();
            long batchesBefore = metrics.batchCount();
            long pairsBefore = metrics.pairsScored();
            double saturation = closedLoop(url, bodies, clients, seconds, perRequest, errors);
            long batches = metrics.batchCount() - batchesBefore;
            double pairsScored = metrics.pairsScored() - pairsBefore;
            Interleaved interleaved =
                    rawSlice == null
                            ? null
                            : interleave(url, bodies, clients, perRequest, errors, rawSlice);
            double offered = load * saturation;
            double[] latencies = paced(url, bodies, offered / perRequest, seconds, errors);
            System.err.printf(
                    Locale.ROOT,
                    "%s: %.1f pairs/s at saturation, p50 %.0f ms, p99 %.0f ms at %.1f pairs/s%n",
                    instance,
                    saturation,
                    ScorerBenchmark.percentile(latencies, 0.5),
                    ScorerBenchmark.percentile(latencies, 0.99),
                    offered);
            return new Measured(
                    saturation,
                    batches == 0 ? 0 : pairsScored / batches,
                    offered,
                    ScorerBenchmark.percentile(latencies, 0.5),
                    ScorerBenchmark.percentile(latencies, 0.99),
                    latencies.length,
                    errors.get(),
                    interleaved);
        }
    }

    /** {@link #INTERLEAVED_SLICES} turns of HTTP saturation and one raw pass over the raw pairs. */
    private static Interleaved interleave(
            URI url,
            List<String> bodies,
            int clients,
            int perRequest,
            AtomicLong errors,
            DoubleSupplier rawSlice)
            throws Exception {
        double httpSum = 0;
        double rawSum = 0;
        for (int i = 0; i < INTERLEAVED_SLICES; i++) {
            double http =
                    closedLoop(url, bodies, clients, INTERLEAVED_HTTP_SECONDS, perRequest, errors);
            double raw = rawSlice.getAsDouble();
            System.err.printf(
                    Locale.ROOT,
                    "interleaved %d: http %.1f pairs/s, raw %.1f pairs/s, ratio %.3f%n",
                    i + 1,
                    http,
                    raw,
                    http / raw);
            httpSum += http;
            rawSum += raw;
        }
        return new Interleaved(
                httpSum / INTERLEAVED_SLICES, rawSum / INTERLEAVED_SLICES, INTERLEAVED_SLICES);
    }

    /** Clients that each send the next request when the last is answered; pairs/s answered. */
    private static double closedLoop(
            URI url,
            List<String> bodies,
            int clients,
            int seconds,
            int perRequest,
            AtomicLong errors)
            throws Exception {
        AtomicLong answered = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(
                    CompletableFuture.runAsync(
                            () -> {
                                for (int i = client; System.nanoTime() < deadline; i += clients) {
                                    if (post(url, bodies.get(i % bodies.size())) == 200) {
                                        answered.addAndGet(perRequest);
                                    } else {
                                        errors.incrementAndGet();
                                    }
                                }
                            },
                            threads));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
        threads.shutdown();
        return answered.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Requests offered at a fixed rate (sleeping between sends); the answered ones' latencies. */
    private static double[] paced(
            URI url, List<String> bodies, double requestsPerSecond, int seconds, AtomicLong errors)
            throws Exception {
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        int count = (int) (requestsPerSecond * seconds);
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / requestsPerSecond);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            inFlight.add(
                    CLIENT.sendAsync(
                                    request(url, bodies.get(i % bodies.size())),
                                    HttpResponse.BodyHandlers.discarding())
                            .thenAccept(
                                    answer -> {
                                        if (answer.statusCode() == 200) {
                                            latencies.add((System.nanoTime() - sent) / 1e6);
                                        } else {
                                            errors.incrementAndGet();
                                        }
                                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get();
        return latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static int post(URI url, String body) {
        try {
            return CLIENT.send(request(url, body), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpRequest request(URI url, String body) {
        return HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String report(
            int n,
            int perRequest,
            int clients,
            int seconds,
            double load,
            RawBest raw,
            int rawBatch,
            Measured batched,
            Measured single,
            String[] args) {
        double ratio = batched.saturation() / raw.perSecond();
        return String.format(
                Locale.ROOT,
                "# Scorer: scoring over HTTP%n%n"
                        + "One scorer instance, `POST /get_reward` in OpenRLHF's shape, %d pairs a request,"
                        + " all-MiniLM-L6-v2 on DJL's PyTorch engine (CPU); %d distinct pairs (responses of"
                        + " 40-160 words, prompts of 10-40 words), the same pairs for the raw model and"
                        + " over HTTP. Saturation: %d closed-loop clients for %d s. Latency: requests"
                        + " offered at a fixed rate (the sender sleeps between sends) at %.0f%% of each"
                        + " mode's own saturation throughput, for %d s.%n%n"
                        + "| measure | dynamic batching | one request a forward pass (batching off) |%n"
                        + "| --- | ---: | ---: |%n"
                        + "| throughput at saturation, pairs/s | %.1f | %.1f |%n"
                        + "| ratio to the raw model | **%.2f**%s | %.2f |%n"
                        + "| mean pairs per forward pass | %.1f | %.1f |%n"
                        + "| offered load, pairs/s | %.1f | %.1f |%n"
                        + "| request latency p50 | %.0f ms | %.0f ms |%n"
                        + "| request latency p99 | %.0f ms | %.0f ms |%n"
                        + "| requests measured for latency | %d | %d |%n"
                        + "| non-200 answers (all phases) | %d | %d |%n%n"
                        + "Raw model (ArmoRmScorer), best over batches of 8..%d, before and after: %.1f"
                        + " pairs/s (batches of %d).%n%n"
                        + "**Interleaved** (drift-proof): %d turns of %d s of HTTP saturation (dynamic"
                        + " batching, the same %d clients) and one raw pass over the raw pairs in"
                        + " batches of %d: HTTP %.1f pairs/s, raw %.1f pairs/s, ratio **%.3f**%s.%n%n"
                        + "Machine: %d cores, %s %s, OMP_WAIT_POLICY=%s.%n%n"
                        + "Reproduce: `scorer/scripts/http-benchmark.sh %s`%n",
                perRequest,
                n,
                clients,
                seconds,
                load * 100,
                seconds,
                batched.saturation(),
                single.saturation(),
                ratio,
                ratio < 0.95 ? " (below the 0.95 target)" : "",
                single.saturation() / raw.perSecond(),
                batched.meanBatch(),
                single.meanBatch(),
                batched.offered(),
                single.offered(),
                batched.p50(),
                single.p50(),
                batched.p99(),
                single.p99(),
                batched.latencies(),
                single.latencies(),
                batched.errors(),
                single.errors(),
                RAW_MAX_BATCH,
                raw.perSecond(),
                raw.batchSize(),
                batched.interleaved().slices(),
                INTERLEAVED_HTTP_SECONDS,
                clients,
                rawBatch,
                batched.interleaved().http(),
                batched.interleaved().raw(),
                batched.interleaved().ratio(),
                batched.interleaved().ratio() < 0.95 ? " (below the 0.95 target)" : "",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"),
                String.join(" ", args));
    }
}
