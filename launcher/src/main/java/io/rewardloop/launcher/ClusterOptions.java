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
                    "Schema Registry URL(s) or 'embedded' (env SCHEMA_REGISTRY_URL); default: the"
                            + " one rlhf up serves, http://127.0.0.1:8081, without"
                            + " --bootstrap-servers, else 'embedded'.")
    private String schemaRegistryUrl;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            description = "Replicas per created topic; -1 (default) = the broker's default.")
    private Short replicationFactor;

    /**
     * The configuration these flags describe, over the process's environment. A client of the local
     * {@code rlhf up} (no bootstrap servers and no registry named anywhere) gets the URL of the
     * Schema Registry {@code up} serves, {@code http://127.0.0.1:8081}.
     *
     * @param extra more flag values by configuration key (ignored when null)
     * @return the source to build a config record from
     */
    public ConfigSource source(Map<String, Object> extra) {
        ConfigSource source = upSource(extra);
        if (source.raw(UpConfig.BOOTSTRAP_SERVERS).isEmpty()
                && source.raw(UpConfig.SCHEMA_REGISTRY_URL).isEmpty()) {
            return source.withOverrides(
                    Map.of(
                            UpConfig.SCHEMA_REGISTRY_URL,
                            UpConfig.localUrl(UpConfig.DEFAULT_REGISTRY_PORT)));
        }
        return source;
    }

    /**
     * What {@code rlhf up} reads: as {@link #source(Map)}, but with no registry URL filled in,
     * since {@code up} serves the registry itself when none is named.
     *
     * @param extra more flag values by configuration key (ignored when null)
     * @return the source to build a config record from
     */
    ConfigSource upSource(Map<String, Object> extra) {
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
