package io.rewardloop.launcher;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.retrainer.RetrainerApp;
import io.rewardloop.retrainer.RetrainerConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf retrainer}: one retrainer instance against a Kafka cluster, until stopped. Instances
 * with the same {@code retrainer.group.id} elect one leader that runs the rounds.
 */
@Command(
        name = "retrainer",
        mixinStandardHelpOptions = true,
        description = {
            "Run one retrainer instance: feedback in, gated training rounds, versions to rlhf.models.",
            "Configuration: the RETRAINER_* and MODELS_* environment variables (see README).",
            "Exit code 1 when it dies."
        })
final class RetrainerCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        ConfigSource source = cluster.source(Map.of());
        return RetrainerApp.run(
                RetrainerConfig.from(source),
                ChannelConfig.from(source),
                spec.commandLine().getOut());
    }
}
