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
     * @param arguments the command-line arguments, for the line that reproduces the run
     * @param rss KiB: at start, with the default PyTorch backbone loaded, with the op-by-op one and
     *     ORT loaded too, peak
     */
    static String render(
            BenchmarkOptions options,
            String arguments,
            List<String> rows,
            double lowestCosine,
            long[] rss) {
        StringBuilder md = new StringBuilder();
        md.append("# Backbone throughput: PyTorch engine vs ONNX Runtime\n\n");
        md.append("all-MiniLM-L6-v2, same tokenized inputs (full batches, no padding), ")
                .append(options.threads())
                .append(" intra-op threads for every engine, idle threads ")
                .append(
                        options.spin()
                                ? "spinning (OMP_WAIT_POLICY unset; ORT default)"
                                : "sleeping (OMP_WAIT_POLICY=PASSIVE; ORT allow_spinning=0)")
                .append(", at least ")
                .append(options.seconds())
                .append(" s per cell after warm-up. ")
                .append(
                        options.batchTokens() == 0
                                ? "Every engine gets each batch whole, in one forward pass."
                                : "Every engine runs each batch in forward passes of at most "
                                        + options.batchTokens()
                                        + " padded tokens, as the backbone does (so 32 x 256"
                                        + " runs as two passes of 16).")
                .append(" The three engines take turns, one batch each,")
                .append(
                        " round after round; pairs/s come from the median round, CPU ms/pair from all rounds.\n\n")
                .append(
                        "- **scripted**: the default PyTorch-engine encoder, one TorchScript module")
                .append(" a layer (fused attention, oneDNN matmuls with fused GELU and residual")
                .append(" add, weights packed once at load), `LayerKernel.SCRIPTED`.\n")
                .append("- **eager**: the same weights op by op through DJL's bindings,")
                .append(" `LayerKernel.EAGER` (the encoder before the scripted layers).\n")
                .append(
                        "- **ORT**: ONNX Runtime on the same ONNX file (graph optimisations on).\n\n");
        md.append(
                "| tokens | batch | scripted pairs/s | eager pairs/s | ORT pairs/s"
                        + " | scripted / ORT | eager / ORT | scripted / eager"
                        + " | scripted CPU ms/pair | eager CPU ms/pair | ORT CPU ms/pair |\n");
        md.append(
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append('\n');
        md.append(
                String.format(
                        "- lowest cosine of either PyTorch encoder vs ORT, all cells: %.6f%n",
                        lowestCosine));
        md.append(
                String.format(
                        "- RSS: %d MiB at start, %d MiB with the default PyTorch backbone loaded,"
                                + " %d MiB with the op-by-op one and ORT too; peak (VmHWM) %d MiB."
                                + " All three share the process, so the peak bounds any one"
                                + " alone.%n",
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
                        + " the steadier measure of work under contention.\n");
        md.append("- Reproduce: `reward-model/scripts/backbone-benchmark.sh ")
                .append(arguments)
                .append("`\n");
        return md.toString();
    }
}
