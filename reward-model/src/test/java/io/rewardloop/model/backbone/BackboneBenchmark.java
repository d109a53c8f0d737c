package io.rewardloop.model.backbone;

import io.rewardloop.model.backbone.bert.BertPairTokenizer;
import io.rewardloop.model.backbone.bert.LayerKernel;
import io.rewardloop.model.backbone.bert.PaddedBatch;
import io.rewardloop.model.backbone.bert.TokenSequence;
import io.rewardloop.model.scoring.BackboneCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Throughput of the PyTorch-engine MiniLM backbone against ONNX Runtime on the same tokenized
 * inputs, in one run. Run by hand, not in CI; from the repository root:
 *
 * <pre>
 * reward-model/scripts/backbone-benchmark.sh --out benchmarks/results/backbone.md
 * </pre>
 *
 * <p>Three encoders share the process: the default one ({@link LayerKernel#SCRIPTED} layers), the
 * op-by-op one ({@link LayerKernel#EAGER}, what the default replaced) and ONNX Runtime. Each cell
 * is warmed up, then the three run one batch each in turn, round after round, so that a slow
 * stretch of a shared machine hits all three alike; the figures are medians over the rounds.
 *
 * <p>Options: {@code --out FILE} (markdown; printed to stdout as well), {@code --threads N}
 * (intra-op threads for all engines; default: available processors), {@code --seconds S} (least
 * time measured per cell, default 3), {@code --lengths 128,256}, {@code --batches 1,8,16,32},
 * {@code --batch-tokens N} (the most padded tokens of one forward pass, for every engine; default
 * the backbone's own budget, {@link BackboneCatalog#DEFAULT_BATCH_TOKENS}; 0: the whole batch in
 * one pass). All engines run full (unpadded) batches of exactly {@code length} tokens, the pair
 * encoding of real text.
 */
public final class BackboneBenchmark {

    private static final int LEAST_ROUNDS = 7;

    private BackboneBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the options described on the class
     * @throws Exception when a model cannot be loaded or the report cannot be written
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        // Must precede the PyTorch engine's start: it reads these once.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(options.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        long rssStart = MemoryStats.rssKb();
        try (MiniLmBackbone scripted = backbone(LayerKernel.SCRIPTED)) {
            long rssTorch = MemoryStats.rssKb();
            try (MiniLmBackbone eager = backbone(LayerKernel.EAGER);
                    OrtReference ort = new OrtReference(options.threads(), options.spin())) {
                long rssAll = MemoryStats.rssKb();
                List<String> rows = new ArrayList<>();
                double lowestCosine = 1;
                for (int length : options.lengths()) {
                    for (int batchSize : options.batches()) {
                        PaddedBatch batch = inputs(scripted.tokenizer(), batchSize, length);
                        List<PaddedBatch> passes = passes(batch, options.batchTokens());
                        Run[] engines = {
                            () -> passes.forEach(p -> scripted.encoder().embed(p)),
                            () -> passes.forEach(p -> eager.encoder().embed(p)),
                            () -> {
                                for (PaddedBatch p : passes) {
                                    ort.embed(p);
                                }
                            }
                        };
                        rows.add(row(batch, measure(engines, batchSize, options)));
                        lowestCosine = Math.min(lowestCosine, lowestCosine(scripted, ort, batch));
                        lowestCosine = Math.min(lowestCosine, lowestCosine(eager, ort, batch));
                    }
                }
                long[] rss = {rssStart, rssTorch, rssAll, MemoryStats.peakKb()};
                write(
                        BenchmarkReport.render(
                                options, String.join(" ", args), rows, lowestCosine, rss),
                        options.out());
            }
        }
    }

    /**
     * Splits a batch into forward passes of at most {@code batchTokens} padded tokens, as {@link
     * TokenBudgetBatcher} does inside the backbone; 0 keeps it whole.
     */
    static List<PaddedBatch> passes(PaddedBatch batch, int batchTokens) {
        int perPass = batchTokens == 0 ? batch.size() : Math.max(1, batchTokens / batch.length());
        List<PaddedBatch> passes = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += perPass) {
            int to = Math.min(batch.size(), from + perPass);
            int a = from * batch.length();
            int b = to * batch.length();
            passes.add(
                    new PaddedBatch(
                            Arrays.copyOfRange(batch.ids(), a, b),
                            Arrays.copyOfRange(batch.typeIds(), a, b),
                            Arrays.copyOfRange(batch.mask(), a, b),
                            to - from,
                            batch.length()));
        }
        return passes;
    }

    private static MiniLmBackbone backbone(LayerKernel kernel) throws java.io.IOException {
        return MiniLmBackbone.builder().optMaxTokens(512).optLayerKernel(kernel).build();
    }

    /** The table row: pairs/s of each engine, the ratios and CPU ms per pair. */
    private static String row(PaddedBatch batch, Measurement[] m) {
        Measurement scripted = m[0];
        Measurement eager = m[1];
        Measurement ort = m[2];
        return String.format(
                "| %d | %d | %.1f | %.1f | %.1f | **%.2f** | %.2f | %.2f | %.1f | %.1f | %.1f |",
                batch.length(),
                batch.size(),
                scripted.pairsPerSecond(),
                eager.pairsPerSecond(),
                ort.pairsPerSecond(),
                scripted.pairsPerSecond() / ort.pairsPerSecond(),
                eager.pairsPerSecond() / ort.pairsPerSecond(),
                scripted.pairsPerSecond() / eager.pairsPerSecond(),
                scripted.cpuMsPerPair(),
                eager.cpuMsPerPair(),
                ort.cpuMsPerPair());
    }

    /** {@code size} pair encodings of exactly {@code length} tokens each, of different texts. */
    static PaddedBatch inputs(BertPairTokenizer tokenizer, int size, int length) {
        long[] corpus = tokenizer.tokenize(List.of(BenchmarkText.CORPUS.repeat(8)))[0];
        int content = length - BertPairTokenizer.PAIR_SPECIAL_TOKENS;
        int promptTokens = content / 3;
        List<TokenSequence> sequences = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int offset = (i * 37) % (corpus.length - content);
            long[] prompt = Arrays.copyOfRange(corpus, offset, offset + promptTokens);
            long[] response = Arrays.copyOfRange(corpus, offset + promptTokens, offset + content);
            TruncationPolicy.Split all =
                    new TruncationPolicy.Split(prompt.length, response.length, Truncation.NONE);
            sequences.add(tokenizer.pair(prompt, response, all));
        }
        return PaddedBatch.of(sequences);
    }

    /**
     * Warms up every engine (PyTorch's first few calls in a process are several times slower), then
     * runs them one call each in turn until both the configured time and {@link #LEAST_ROUNDS}
     * rounds have passed. Reports per engine the median wall-clock time of a call, as pairs/s, and
     * the median process CPU time per pair; the latter barely moves when other processes compete
     * for the cores (as long as idle threads sleep rather than spin).
     */
    private static Measurement[] measure(Run[] engines, int batchSize, BenchmarkOptions options)
            throws Exception {
        long warmStart = System.nanoTime();
        for (int i = 0; i < 3 || System.nanoTime() - warmStart < options.seconds() / 3 * 1e9; i++) {
            for (Run engine : engines) {
                engine.once();
            }
        }
        List<long[]> wall = new ArrayList<>();
        List<long[]> cpu = new ArrayList<>();
        long start = System.nanoTime();
        while (wall.size() < LEAST_ROUNDS || System.nanoTime() - start < options.seconds() * 1e9) {
            long[] roundWall = new long[engines.length];
            long[] roundCpu = new long[engines.length];
            for (int e = 0; e < engines.length; e++) {
                long cpuStart = MemoryStats.processCpuNanos();
                long wallStart = System.nanoTime();
                engines[e].once();
                roundWall[e] = System.nanoTime() - wallStart;
                roundCpu[e] = MemoryStats.processCpuNanos() - cpuStart;
            }
            wall.add(roundWall);
            cpu.add(roundCpu);
        }
        Measurement[] out = new Measurement[engines.length];
        for (int e = 0; e < engines.length; e++) {
            int engine = e;
            // CPU time is counted in clock ticks (10 ms): summed over all rounds, not a median.
            long totalCpu = cpu.stream().mapToLong(r -> r[engine]).sum();
            out[e] =
                    new Measurement(
                            batchSize / (median(wall, e) / 1e9),
                            totalCpu / 1e6 / ((double) cpu.size() * batchSize));
        }
        return out;
    }

    private static double median(List<long[]> rounds, int engine) {
        long[] values = rounds.stream().mapToLong(r -> r[engine]).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }

    private static double lowestCosine(MiniLmBackbone backbone, OrtReference ort, PaddedBatch batch)
            throws Exception {
        float[][] torch = backbone.encoder().embed(batch);
        float[][] onnx = ort.embed(batch);
        double lowest = 1;
        for (int i = 0; i < torch.length; i++) {
            lowest = Math.min(lowest, OrtReference.cosine(torch[i], onnx[i]));
        }
        return lowest;
    }

    private static void write(String report, Path file) throws java.io.IOException {
        System.out.println(report);
        if (file != null) {
            Path out = file.toAbsolutePath();
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out);
        }
    }

    /** Throughput and cost of one engine in one cell. */
    private record Measurement(double pairsPerSecond, double cpuMsPerPair) {}

    /** One timed call. */
    @FunctionalInterface
    private interface Run {
        void once() throws Exception;
    }
}
