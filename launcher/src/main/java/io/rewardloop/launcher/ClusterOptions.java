package io.rewardloop.launcher;

import io.rewardloop.common.ConfigSource;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags every command that talks to Kafka shares. A flag wins over the environment and system
 * properties; one left out falls back to them.
 */
public final class ClusterOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Use this Kafka cluster (env BOOTSTRAP_SERVERS).")
    private String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            paramLabel = "URL",
            description =
                    "'embedded' (default) or Schema Registry URL(s) (env SCHEMA_REGISTRY_URL).")
    private String schemaRegistryUrl;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            description = "Replicas per created topic; -1 (default) = the broker's default.")
    private Short replicationFactor;

    /**
     * The configuration these flags describe, over the process's environment.
     *
     * @param extra more flag values by configuration key (ignored when null)
     * @return the source to build a config record from
     */
    public ConfigSource source(Map<String, Object> extra) {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, UpConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        put(flags, UpConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        put(flags, UpConfig.REPLICATION_FACTOR, replicationFactor);
        extra.forEach((key, value) -> put(flags, key, value));
        return ConfigSource.fromSystem().withOverrides(flags);
    }

    private static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
