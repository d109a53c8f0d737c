package io.rewardloop.model.backbone;

import ai.djl.engine.Engine;
import java.time.Instant;
import java.util.List;

/** Renders the markdown report of {@link BackboneBenchmark}. */
final class BenchmarkReport {

    private BenchmarkReport() {}

    /**
     * Renders the report.
     *
     * @param rss KiB: at start, with PyTorch loaded, with ORT loaded too, peak
     */
    static String render(
            BenchmarkOptions options, List<String> rows, double lowestCosine, long[] rss) {
        StringBuilder md = new StringBuilder();
        md.append("# Backbone throughput: PyTorch engine vs ONNX Runtime\n\n");
        md.append("all-MiniLM-L6-v2, same tokenized inputs (full batches, no padding), ")
                .append(options.threads())
                .append(" intra-op threads for both engines, idle threads ")
                .append(
                        options.spin()
                                ? "spinning (OMP_WAIT_POLICY unset; ORT default)"
                                : "sleeping (OMP_WAIT_POLICY=PASSIVE; ORT allow_spinning=0)")
                .append(", at least ")
                .append(options.seconds())
                .append(" s per cell after warm-up.\n\n");
        md.append(
                "| tokens | batch | PyTorch pairs/s | ORT pairs/s | PyTorch / ORT"
                        + " | PyTorch CPU ms/pair | ORT CPU ms/pair | ORT / PyTorch CPU |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append('\n');
        md.append(String.format("- lowest cosine PyTorch vs ORT, all cells: %.6f%n", lowestCosine));
        md.append(
                String.format(
                        "- RSS: %d MiB at start, %d MiB with the PyTorch backbone loaded, %d MiB"
                                + " with ORT too; peak (VmHWM) %d MiB. Both engines share the"
                                + " process, so the peak bounds either engine alone.%n",
                        rss[0] / 1024, rss[1] / 1024, rss[2] / 1024, rss[3] / 1024));
        Engine pytorch = Engine.getEngine("PyTorch");
        md.append(
                String.format(
                        "- PyTorch %s; %s %s; Java %s; %d CPUs visible; %s%n",
                        pytorch.getVersion(),
                        System.getProperty("os.name"),
                        System.getProperty("os.arch"),
                        System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors(),
                        Instant.now()));
        md.append(
                "- Wall-clock timings on a shared machine are noisy; rerun on a quiet one before"
                        + " drawing conclusions. CPU ms/pair (process CPU time, all threads) is"
                        + " the steadier measure of work under contention; a last column below 1"
                        + " means PyTorch spends more CPU per pair than ORT.\n");
        return md.toString();
    }
}
