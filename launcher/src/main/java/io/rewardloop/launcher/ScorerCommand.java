package io.rewardloop.launcher;

import io.rewardloop.scorer.ScorerApp;
import io.rewardloop.scorer.ScorerConfig;
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
            "Configuration: the SCORER_* environment variables (see README). Exit code 1 when it dies."
        })
final class ScorerCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        ScorerConfig config = ScorerConfig.from(cluster.source(Map.of()));
        return ScorerApp.run(config, spec.commandLine().getOut());
    }
}
