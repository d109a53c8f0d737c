package io.rewardloop.launcher;

import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The scorer that {@code rlhf up} runs: publishes the model given with {@code --model} first, then
 * starts the scorer as a {@link LocalService}, its health endpoint on 127.0.0.1 unless {@code
 * scorer.http.bind} says otherwise.
 */
final class ScorerRuntime {

    private ScorerRuntime() {}

    static LocalService<ScorerService> start(
            KafkaStack stack,
            ClusterOptions cluster,
            Map<String, String> defaults,
            Path model,
            PrintWriter out) {
        ConfigSource source = LocalService.source(stack, cluster, defaults, ScorerConfig.HTTP_BIND);
        ScorerConfig config = ScorerConfig.from(source);
        ChannelConfig channel = ChannelConfig.from(source);
        if (model != null) {
            ModelArtifact artifact = load(model);
            new ModelPublisher(config.kafka(), channel)
                    .publish(artifact, config.modelLineage(), RetrainTrigger.MANUAL);
            out.printf("Published model %s from %s.%n", artifact.modelVersion(), model);
        }
        ArtifactModelLoader loader = new ArtifactModelLoader(config.backboneBatchTokens());
        LocalService<ScorerService> scorer =
                LocalService.start(
                        "Scorer", () -> ScorerService.start(config, loader, channel), loader, out);
        if (model == null) {
            out.printf(
                    "The scorer waits for a model on rlhf.models (lineage '%s'): train one with ./rlhf train,"
                            + " then ./rlhf publish --model DIR --bootstrap-servers %s (or restart with --model DIR).%n",
                    config.modelLineage(), stack.bootstrapServers());
        }
        out.flush();
        return scorer;
    }

    private static ModelArtifact load(Path model) {
        try {
            return ModelArtifact.load(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + model, e);
        }
    }
}
