package io.rewardloop.model.backbone;

import io.rewardloop.model.scoring.BackboneCatalog;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Command-line options of {@link BackboneBenchmark}.
 *
 * @param out where to write the markdown report, or null
 * @param threads intra-op threads of both engines
 * @param seconds least time measured per cell
 * @param lengths sequence lengths in tokens
 * @param batches batch sizes
 * @param batchTokens the most padded tokens of one forward pass; 0 for no limit
 * @param spin whether idle worker threads spin: false when {@code OMP_WAIT_POLICY=PASSIVE} is set
 *     for PyTorch's OpenMP threads (it must be set before the JVM starts), and then ORT's threads
 *     are told not to spin either
 */
record BenchmarkOptions(
        Path out,
        int threads,
        double seconds,
        int[] lengths,
        int[] batches,
        int batchTokens,
        boolean spin) {

    static BenchmarkOptions parse(String[] args) {
        Path out = null;
        int threads = Runtime.getRuntime().availableProcessors();
        double seconds = 3;
        int[] lengths = {128, 256};
        int[] batches = {1, 8, 16, 32};
        int batchTokens = BackboneCatalog.DEFAULT_BATCH_TOKENS;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--out" -> out = Path.of(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--lengths" -> lengths = ints(value);
                case "--batches" -> batches = ints(value);
                case "--batch-tokens" -> batchTokens = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("Option without value: " + args[args.length - 1]);
        }
        boolean spin = !"PASSIVE".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY"));
        return new BenchmarkOptions(out, threads, seconds, lengths, batches, batchTokens, spin);
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
    }
}
