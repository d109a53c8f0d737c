package io.rewardloop.launcher;

import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.MiniLmBackbone;
import io.rewardloop.model.cache.DiskCachedBackbone;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.heads.TrainingResult;
import io.rewardloop.model.training.HeadKind;
import io.rewardloop.model.training.RewardModelTraining;
import io.rewardloop.model.training.TrainingRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's initial model, {@value #VERSION}: ArmoRM heads on frozen all-MiniLM-L6-v2, trained as
 * {@code rlhf train} trains (one code path: {@link RewardModelTraining}), written as an artifact
 * that {@code up --model} publishes.
 */
final class DemoModel {

    /** The initial model's version. */
    static final String VERSION = "v0001";

    /** Stage-2 steps of every model the demo trains (the retrainer's are set to the same). */
    static final int GATING_STEPS = 200;

    private DemoModel() {}

    /**
     * Trains the initial model and saves it in a temporary directory.
     *
     * @param pairs its training pairs
     * @param cacheDir the feature cache, so a second run embeds nothing
     * @param seed the training seed
     * @param err where progress goes
     * @return the artifact's directory
     */
    static Path trainInitial(
            List<PreferencePair> pairs, Path cacheDir, long seed, PrintWriter err) {
        TrainingRequest request =
                new TrainingRequest(pairs, List.of(), HeadKind.ARMO, seed, false, GATING_STEPS);
        try (Backbone backbone =
                new DiskCachedBackbone(
                        MiniLmBackbone.builder().optMaxTokens(256).optMaxPromptTokens(128).build(),
                        cacheDir)) {
            TrainingResult result =
                    RewardModelTraining.train(
                            request,
                            backbone,
                            ModelOptions.progress(err, "initial model features"),
                            (step, loss) -> {});
            Path dir = Files.createTempDirectory("rlhf-demo-model");
            ModelArtifact.builder()
                    .setModel(result.model())
                    .setModelVersion(VERSION)
                    .setBackboneId(backbone.id())
                    .optMetrics(result.metrics())
                    .build()
                    .save(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the initial model", e);
        }
    }

    /**
     * Deletes a directory that {@link #trainInitial} wrote.
     *
     * @param dir the directory
     */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the initial model's copy in " + dir, e);
        }
    }
}
