package io.rewardloop.launcher;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.cache.DiskCachedBackbone;
import io.rewardloop.model.data.LineSelection;
import io.rewardloop.model.data.PairFileReader;
import io.rewardloop.model.data.PairSource;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.training.EmbeddingProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options shared by {@code train} and {@code eval}: pair files, line selection, feature cache. */
final class ModelOptions {

    @Option(
            names = "--pairs",
            paramLabel = "[OBJECTIVE=]FILE",
            description =
                    "Pairwise preferences, JSONL {prompt, chosen, rejected[, subset, objective]} or"
                            + " HH-RLHF {chosen, rejected} dialogues, gzipped or not. Repeatable;"
                            + " OBJECTIVE= says which objective the file's pairs are about.")
    List<String> pairs = new ArrayList<>();

    @Option(
            names = "--lines",
            paramLabel = "all|odd|even",
            defaultValue = "all",
            description = "Use all lines of each file, or only the odd or even ones (1-based).")
    String lines;

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description =
                    "Keep backbone features here, so a rerun on the same texts embeds nothing.")
    Path cacheDir;

    List<PreferencePair> readPairs() {
        List<PairSource> sources = new ArrayList<>();
        pairs.forEach(spec -> sources.add(PairSource.parse(spec)));
        return PairFileReader.readAll(sources, LineSelection.parse(lines));
    }

    Backbone cached(Backbone backbone) {
        return cacheDir == null ? backbone : new DiskCachedBackbone(backbone, cacheDir);
    }

    static EmbeddingProgress progress(PrintWriter err, String what) {
        return (done, total, nanos) -> {
            err.printf(
                    Locale.ROOT,
                    "\r%s: embedded %d/%d (%.0f/s)%s",
                    what,
                    done,
                    total,
                    done / Math.max(1e-9, nanos / 1e9),
                    done == total ? "\n" : "");
            err.flush();
        };
    }
}
