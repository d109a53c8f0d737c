package io.rewardloop.launcher;

import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import io.rewardloop.service.ServiceRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The scorer that {@code rlhf up} runs in its own process, next to the broker, through the same
 * {@link ServiceRunner} as {@code rlhf scorer}; {@code up} stops it itself, before the broker. Its
 * health endpoint listens on 127.0.0.1 unless {@code scorer.http.bind} says otherwise.
 */
final class ScorerRuntime implements AutoCloseable {

    private final ServiceRunner<ScorerService> runner;

    private ScorerRuntime(ServiceRunner<ScorerService> runner) {
        this.runner = runner;
    }

    static ScorerRuntime start(
            KafkaStack stack, UpConfig up, ClusterOptions cluster, Path model, PrintWriter out) {
        ConfigSource source = source(stack, cluster);
        ScorerConfig config = ScorerConfig.from(source);
        if (model != null) {
            ModelArtifact artifact = load(model);
            new ModelPublisher(config.kafka(), ChannelConfig.from(source))
                    .publish(artifact, config.modelLineage(), RetrainTrigger.MANUAL);
            out.printf("Published model %s from %s.%n", artifact.modelVersion(), model);
        }
        ChannelConfig channel = ChannelConfig.from(source);
        ArtifactModelLoader loader = new ArtifactModelLoader(config.backboneBatchTokens());
        ServiceRunner<ScorerService> runner =
                ServiceRunner.builder("Scorer", () -> ScorerService.start(config, loader, channel))
                        .optAlsoClose(loader)
                        .optOut(out)
                        .optShutdownHook(false)
                        .start();
        watch(runner, out);
        if (model == null) {
            out.printf(
                    "The scorer waits for a model on rlhf.models (lineage '%s'): train one with ./rlhf train,"
                            + " then ./rlhf publish --model DIR --bootstrap-servers %s (or restart with --model DIR).%n",
                    config.modelLineage(), stack.bootstrapServers());
        }
        out.flush();
        return new ScorerRuntime(runner);
    }

    private static ConfigSource source(KafkaStack stack, ClusterOptions cluster) {
        Map<String, Object> flags = new HashMap<>();
        flags.put(ScorerConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        if (cluster.source(Map.of()).raw(ScorerConfig.HTTP_BIND).isEmpty()) {
            flags.put(ScorerConfig.HTTP_BIND, "127.0.0.1");
        }
        return cluster.source(flags);
    }

    /** Says so on the console when the scorer dies; the broker keeps running until Ctrl-C. */
    private static void watch(ServiceRunner<ScorerService> runner, PrintWriter out) {
        Thread watcher =
                new Thread(
                        () -> {
                            try {
                                if (runner.awaitExit() != 0) {
                                    out.printf(
                                            "The scorer stopped on its own (%s); the broker keeps"
                                                    + " running. Ctrl-C to stop.%n",
                                            runner.service().failure().orElse("see the log"));
                                    out.flush();
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "scorer-watch");
        watcher.setDaemon(true);
        watcher.start();
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
        runner.close();
    }
}
