package io.rewardloop.launcher;

import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.scorer.ArtifactModelLoader;
import io.rewardloop.scorer.ModelRecords;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** The scorer that {@code rlhf up} runs in its own process, next to the broker. */
final class ScorerRuntime implements AutoCloseable {

    private final ArtifactModelLoader loader;
    private final ScorerService service;

    private ScorerRuntime(ArtifactModelLoader loader, ScorerService service) {
        this.loader = loader;
        this.service = service;
    }

    static ScorerRuntime start(
            KafkaStack stack, UpConfig up, ClusterOptions cluster, Path model, PrintWriter out) {
        ScorerConfig config =
                ScorerConfig.from(
                        cluster.source(
                                Map.of(ScorerConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers())));
        if (model != null) {
            ModelArtifact artifact = load(model);
            ModelRecords.publish(
                    stack.bootstrapServers(),
                    up.serdeConfig(),
                    artifact,
                    config.modelLineage(),
                    RetrainTrigger.MANUAL);
            out.printf("Published model %s from %s.%n", artifact.modelVersion(), model);
        }
        ArtifactModelLoader loader = new ArtifactModelLoader(config.backboneBatchTokens());
        ScorerService service = ScorerService.start(config, loader);
        String health =
                service.httpPort()
                        .map(p -> "http://localhost:" + p + "/health and /metrics")
                        .orElse("(health endpoint off)");
        out.printf(
                "Scorer %s: %s -> %s, %s.%n",
                config.instanceId(), "rlhf.responses", "rlhf.rewards", health);
        if (model == null) {
            out.printf(
                    "The scorer waits for a model on rlhf.models (lineage '%s'): train one with ./rlhf train,"
                            + " then ./rlhf publish --model DIR --bootstrap-servers %s (or restart with --model DIR).%n",
                    config.modelLineage(), stack.bootstrapServers());
        }
        out.flush();
        return new ScorerRuntime(loader, service);
    }

    private static ModelArtifact load(Path model) {
        try {
            return ModelArtifact.load(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + model, e);
        }
    }

    @Override
    public void close() {
        service.close();
        loader.close();
    }
}
