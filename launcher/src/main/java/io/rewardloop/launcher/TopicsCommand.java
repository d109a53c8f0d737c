package io.rewardloop.launcher;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf topics}: creates every topic of the registry on an existing cluster, checks those
 * that already exist (cleanup policy, partitions, {@code max.message.bytes}; they are never
 * changed, a wrong one fails the command naming topic and setting), prints them, and exits.
 * docker-compose runs it once before the services.
 */
@Command(
        name = "topics",
        description =
                "Create the missing topics on an existing cluster and check the existing ones"
                        + " (cleanup.policy, partitions, max.message.bytes), then exit.",
        mixinStandardHelpOptions = true)
public final class TopicsCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ClusterOptions cluster;

    /**
     * Runs the command.
     *
     * @return 0 once every topic exists
     */
    @Override
    public Integer call() {
        UpConfig config = UpConfig.from(cluster.source(Map.of()));
        if (config.embeddedBroker()) {
            throw new ConfigException(
                    "Configuration key '"
                            + UpConfig.BOOTSTRAP_SERVERS
                            + "' (env "
                            + ConfigSource.environmentName(UpConfig.BOOTSTRAP_SERVERS)
                            + ", flag --bootstrap-servers) must name the cluster; `rlhf up`"
                            + " starts a broker of its own");
        }
        try (KafkaStack stack = KafkaStack.start(config)) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Topics on %s:%n", stack.bootstrapServers());
            ConsoleReport.topics(out, stack.topics());
            return 0;
        }
    }
}
