package io.rewardloop.launcher;

import io.rewardloop.scorer.ArtifactModelLoader;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf scorer}: one scorer instance against a Kafka cluster, until stopped. Start more with
 * distinct {@code SCORER_INSTANCE_ID}s to share the partitions (docker-compose does this).
 */
@Command(
        name = "scorer",
        mixinStandardHelpOptions = true,
        description = {
            "Run one scorer instance: rlhf.responses -> rlhf.rewards, exactly once, following rlhf.models.",
            "Configuration: the SCORER_* environment variables (see README)."
        })
final class ScorerCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        ScorerConfig config = ScorerConfig.from(cluster.source(Map.of()));
        try (ArtifactModelLoader loader = new ArtifactModelLoader(config.backboneBatchTokens());
                ScorerService scorer = ScorerService.start(config, loader)) {
            Runtime.getRuntime().addShutdownHook(new Thread(scorer::close, "scorer-shutdown"));
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Scorer %s on %s; health and metrics on port %s. Ctrl-C to stop.%n",
                            config.instanceId(),
                            config.bootstrapServers(),
                            scorer.httpPort().map(String::valueOf).orElse("(off)"));
            spec.commandLine().getOut().flush();
            scorer.awaitTermination();
            return scorer.health().detail().startsWith("failed") ? 1 : 0;
        }
    }
}
