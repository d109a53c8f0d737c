package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.MiniLmBackbone;
import io.rewardloop.model.data.LineSelection;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.data.RatedExample;
import io.rewardloop.model.data.RatingFileReader;
import io.rewardloop.model.heads.TrainingProgressListener;
import io.rewardloop.model.heads.TrainingResult;
import io.rewardloop.model.training.HeadKind;
import io.rewardloop.model.training.RewardModelTraining;
import io.rewardloop.model.training.TrainingRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rlhf train}: trains a reward model and writes its versioned artifact. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Train a reward model (ArmoRM heads on frozen all-MiniLM-L6-v2, or the linear"
                        + " baseline) from pairs and/or ratings; prints a JSON summary.")
final class TrainCommand implements Callable<Integer> {

    private static final DateTimeFormatter VERSION =
            DateTimeFormatter.ofPattern("'v'yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    @Spec private CommandSpec spec;
    @Mixin private ModelOptions data;

    @Option(
            names = "--ratings",
            paramLabel = "FILE",
            description =
                    "Absolute ratings, JSONL {prompt, response, ratings{objective: value}[, scales{objective: [min, max]}]}.")
    private Path ratings;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "Where to write the model artifact.")
    private Path out;

    @Option(
            names = "--head",
            defaultValue = "armo",
            paramLabel = "armo|linear",
            description = "ArmoRM (default) or the Bradley-Terry linear baseline.")
    private String head;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed; training is deterministic given it (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--gating-steps",
            paramLabel = "N",
            description = "Gating optimizer steps (default: the trainer's).")
    private Integer gatingSteps;

    @Option(
            names = "--length-debiasing",
            description =
                    "With no rated 'verbosity' objective, add the label-free length objective and"
                            + " debias the others against it. Costs accuracy where longer answers"
                            + " really are better (benchmarks/results/reward-model-eval.md).")
    private boolean lengthDebiasing;

    @Option(
            names = "--version",
            paramLabel = "V",
            description = "Model version (default: v<UTC timestamp>, which orders by time).")
    private String version;

    @Option(names = "--parent", paramLabel = "V", description = "The version this one replaces.")
    private String parent;

    @Option(
            names = "--max-tokens",
            defaultValue = "256",
            description = "Backbone tokens per (prompt, response) pair (default ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(
            names = "--max-prompt-tokens",
            defaultValue = "128",
            description =
                    "Most tokens the prompt keeps when the response needs room (default ${DEFAULT-VALUE}).")
    private int maxPromptTokens;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<PreferencePair> pairs = data.readPairs();
        List<RatedExample> rated =
                ratings == null
                        ? List.of()
                        : RatingFileReader.read(ratings, LineSelection.parse(data.lines));
        HeadKind kind = HeadKind.valueOf(head.toUpperCase(Locale.ROOT));
        TrainingRequest request =
                new TrainingRequest(pairs, rated, kind, seed, lengthDebiasing, gatingSteps);
        err.printf(
                "training %s on %d pairs and %d rated responses (first with 10%% of the pairs held"
                        + " out to measure validation accuracy, then on all of them)%n",
                kind, pairs.size(), rated.size());
        TrainingResult result;
        try (Backbone backbone =
                data.cached(
                        MiniLmBackbone.builder()
                                .optMaxTokens(maxTokens)
                                .optMaxPromptTokens(maxPromptTokens)
                                .build())) {
            result =
                    RewardModelTraining.train(
                            request,
                            backbone,
                            ModelOptions.progress(err, "features"),
                            gatingProgress(err));
            ModelArtifact artifact =
                    ModelArtifact.builder()
                            .setModel(result.model())
                            .setModelVersion(
                                    version != null ? version : VERSION.format(Instant.now()))
                            .setBackboneId(backbone.id())
                            .optParentVersion(parent)
                            .optMetrics(result.metrics())
                            .build();
            artifact.save(out);
            spec.commandLine().getOut().println(summary(artifact));
        }
        return 0;
    }

    private static TrainingProgressListener gatingProgress(PrintWriter err) {
        return (step, loss) -> {
            if (step % 100 == 0) {
                err.printf(Locale.ROOT, "gating step %d: loss %.4f%n", step, loss);
                err.flush();
            }
        };
    }

    private String summary(ModelArtifact artifact) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", artifact.modelVersion());
        json.put("out", out.toString());
        json.put("backbone", artifact.backboneId());
        json.put("objectives", artifact.objectiveNames());
        json.put("sha256", artifact.sha256());
        json.put("bytes", artifact.toBytes().length);
        json.put("metrics", artifact.metrics().asMap());
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json);
    }
}
