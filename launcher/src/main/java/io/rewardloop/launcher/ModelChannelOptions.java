package io.rewardloop.launcher;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelKeys;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.service.KafkaSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What the commands on {@code rlhf.models} share: the cluster, the lineage and the artifact store.
 * Signing keys come from the environment or system properties only, never from a flag (a flag is
 * visible to every user of the machine).
 */
final class ModelChannelOptions {

    @Mixin ClusterOptions cluster;

    @Option(
            names = "--lineage",
            defaultValue = ModelKeys.DEFAULT_LINEAGE,
            description = "The model lineage scorers follow (default ${DEFAULT-VALUE}).")
    String lineage;

    @Option(
            names = "--artifact-dir",
            paramLabel = "DIR",
            description =
                    "The artifact store for models over the inline limit (env MODELS_ARTIFACT_DIR).")
    Path artifactDir;

    /** The configuration these flags and the environment give. */
    ConfigSource source() {
        Map<String, Object> extra = new HashMap<>();
        if (artifactDir != null) {
            extra.put(ChannelConfig.ARTIFACT_DIR, artifactDir.toString());
        }
        return cluster.source(extra);
    }

    /** The cluster; a usage error without {@code --bootstrap-servers}. */
    KafkaSettings kafka(CommandSpec spec) {
        ConfigSource source = source();
        if (UpConfig.from(source).embeddedBroker()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "give --bootstrap-servers (or BOOTSTRAP_SERVERS): the cluster of rlhf.models");
        }
        return KafkaSettings.from(source, null);
    }

    /** The channel configuration: store, limits, signing keys. */
    ChannelConfig channel() {
        return ChannelConfig.from(source());
    }
}
