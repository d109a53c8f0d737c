package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.scoring.ArmoRmScorer;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.model.scoring.RewardScorer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rlhf score}: JSONL {prompt, response} on stdin, per-objective JSON on stdout. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description =
                "Score JSONL {\"prompt\", \"response\"} from stdin; prints one JSON object per line"
                        + " with the score, per-objective rewards, debiased rewards and gating weights.")
final class ScoreCommand implements Callable<Integer> {

    private static final int BATCH = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec private CommandSpec spec;

    @Mixin private ModelDirectory model;

    @Override
    public Integer call() throws Exception {
        ModelArtifact artifact = model.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        try (BackboneCatalog backbones = new BackboneCatalog();
                RewardScorer scorer =
                        new ArmoRmScorer(
                                artifact.modelVersion(),
                                artifact.model(),
                                backbones.get(artifact.backboneId()));
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            List<PromptResponse> batch = new ArrayList<>(BATCH);
            long lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    batch.add(parse(line));
                } catch (IllegalArgumentException e) {
                    err.println("rlhf score: stdin line " + lineNumber + ": " + e.getMessage());
                    failures++;
                    continue;
                }
                if (batch.size() == BATCH) {
                    write(scorer, batch, out);
                }
            }
            write(scorer, batch, out);
        }
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    private static PromptResponse parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        for (String field : List.of("prompt", "response")) {
            if (!node.path(field).isTextual()) {
                throw new IllegalArgumentException("missing string field \"" + field + "\"");
            }
        }
        return new PromptResponse(node.get("prompt").asText(), node.get("response").asText());
    }

    private static void write(RewardScorer scorer, List<PromptResponse> batch, PrintWriter out) {
        if (batch.isEmpty()) {
            return;
        }
        List<MultiObjectiveReward> rewards = scorer.score(batch);
        for (MultiObjectiveReward reward : rewards) {
            out.println(RewardJson.of(reward, scorer.version(), scorer.objectives()));
        }
        out.flush();
        batch.clear();
    }
}
