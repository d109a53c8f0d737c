package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.eval.AccuracyReport;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.model.training.ModelEvaluation;
import io.rewardloop.model.training.PairFeatures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rlhf eval}: pairwise accuracy of a model, overall, per subset and per objective. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate a model on held-out pairs; prints JSON with overall, per-subset and per-objective accuracy.")
final class EvalCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ModelOptions data;

    @Mixin private ModelDirectory model;

    @Override
    public Integer call() throws Exception {
        if (data.pairs.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "give at least one --pairs file");
        }
        ModelArtifact artifact = model.load();
        List<PreferencePair> pairs = data.readPairs();
        AccuracyReport report;
        try (BackboneCatalog backbones = new BackboneCatalog()) {
            PairFeatures features =
                    PairFeatures.embed(
                            pairs,
                            data.cached(backbones.get(artifact.backboneId())),
                            ModelOptions.progress(spec.commandLine().getErr(), "features"));
            report = ModelEvaluation.evaluate(artifact.model(), pairs, features);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", artifact.modelVersion());
        json.put("pairs", report.pairs());
        json.put("accuracy", report.accuracy());
        json.put("subsets", report.bySubset());
        json.put("objectives", report.byObjective());
        spec.commandLine()
                .getOut()
                .println(
                        new ObjectMapper()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .writeValueAsString(json));
        return 0;
    }
}
