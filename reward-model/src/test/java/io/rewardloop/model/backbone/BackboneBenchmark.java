package io.rewardloop.model.backbone;

import io.rewardloop.model.backbone.bert.BertPairTokenizer;
import io.rewardloop.model.backbone.bert.PaddedBatch;
import io.rewardloop.model.backbone.bert.TokenSequence;
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
 * <p>Options: {@code --out FILE} (markdown; printed to stdout as well), {@code --threads N}
 * (intra-op threads for both engines; default: available processors), {@code --seconds S} (least
 * time measured per cell, default 3), {@code --lengths 128,256}, {@code --batches 1,8,16,32}. Every
 * cell is warmed up first; both engines run full (unpadded) batches of exactly {@code length}
 * tokens, the pair encoding of real text.
 */
public final class BackboneBenchmark {

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
        try (MiniLmBackbone backbone = MiniLmBackbone.builder().optMaxTokens(512).build()) {
            long rssTorch = MemoryStats.rssKb();
            try (OrtReference ort = new OrtReference(options.threads(), options.spin())) {
                long rssBoth = MemoryStats.rssKb();
                List<String> rows = new ArrayList<>();
                double lowestCosine = 1;
                for (int length : options.lengths()) {
                    for (int batchSize : options.batches()) {
                        PaddedBatch batch = inputs(backbone.tokenizer(), batchSize, length);
                        rows.add(cell(backbone, ort, batch, options));
                        lowestCosine = Math.min(lowestCosine, lowestCosine(backbone, ort, batch));
                    }
                }
                long[] rss = {rssStart, rssTorch, rssBoth, MemoryStats.peakKb()};
                write(BenchmarkReport.render(options, rows, lowestCosine, rss), options.out());
            }
        }
    }

    /** Measures both engines on one batch; returns the table row. */
    private static String cell(
            MiniLmBackbone backbone, OrtReference ort, PaddedBatch batch, BenchmarkOptions options)
            throws Exception {
        Measurement torch = measure(() -> backbone.encoder().embed(batch), batch.size(), options);
        Measurement onnx = measure(() -> ort.embed(batch), batch.size(), options);
        return String.format(
                "| %d | %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |",
                batch.length(),
                batch.size(),
                torch.pairsPerSecond(),
                onnx.pairsPerSecond(),
                torch.pairsPerSecond() / onnx.pairsPerSecond(),
                torch.cpuMsPerPair(),
                onnx.cpuMsPerPair(),
                onnx.cpuMsPerPair() / torch.cpuMsPerPair());
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
     * Warms up (PyTorch's first few calls in a process are several times slower), then repeats
     * until both the configured time and three runs have passed. Measures wall-clock throughput and
     * process CPU time per pair; the latter barely moves when other processes compete for the cores
     * (as long as idle threads sleep rather than spin).
     */
    private static Measurement measure(Run run, int batchSize, BenchmarkOptions options)
            throws Exception {
        long warmStart = System.nanoTime();
        for (int i = 0; i < 3 || System.nanoTime() - warmStart < options.seconds() / 3 * 1e9; i++) {
            run.once();
        }
        int runs = 0;
        long cpuStart = MemoryStats.processCpuNanos();
        long start = System.nanoTime();
        long elapsed;
        do {
            run.once();
            runs++;
            elapsed = System.nanoTime() - start;
        } while (runs < 3 || elapsed < options.seconds() * 1e9);
        long cpu = MemoryStats.processCpuNanos() - cpuStart;
        double pairs = (double) runs * batchSize;
        return new Measurement(pairs / (elapsed / 1e9), cpu / 1e6 / pairs);
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
