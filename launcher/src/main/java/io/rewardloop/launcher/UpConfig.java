package io.rewardloop.launcher;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import io.rewardloop.service.KafkaSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code rlhf up} (and {@code rlhf topics}) run with. Built by {@link #from(ConfigSource)}:
 * flags, then environment, then system properties, then defaults; validated on construction.
 *
 * @param bootstrapServers an existing cluster to use; empty starts the embedded broker
 * @param schemaRegistryUrl {@code embedded}, or Schema Registry URL(s)
 * @param kafkaPort the embedded broker's client port, 0 for any free port
 * @param kafkaLogDir where the embedded broker keeps data across runs; empty for a temporary dir
 * @param replicationFactor replicas per new topic; -1 takes the broker's default
 * @param kafka how clients connect: the serdes' registry settings and the client properties passed
 *     through to every client ({@code kafka.client.*}); its bootstrap servers are the cluster's, or
 *     where the embedded broker will listen
 * @param registryPort present when {@code up} serves its own Schema Registry (embedded broker, no
 *     {@code schema.registry.url} given): the port it listens on, 0 for any free port
 */
public record UpConfig(
        Optional<String> bootstrapServers,
        String schemaRegistryUrl,
        int kafkaPort,
        Optional<Path> kafkaLogDir,
        short replicationFactor,
        KafkaSettings kafka,
        OptionalInt registryPort) {

    /** Kafka cluster to use ({@code host:port,...}); unset starts the embedded broker. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    /**
     * Comma-separated {@code http(s)://} Schema Registry URLs, or {@code embedded} (no registry,
     * the registry-less framing). Unset: {@code up} serves a registry itself on {@link
     * #REGISTRY_PORT}.
     */
    public static final String SCHEMA_REGISTRY_URL = EventSerdeConfig.SCHEMA_REGISTRY_URL;

    /** The embedded broker's client port (default 9092; 0 picks a free port). */
    public static final String KAFKA_PORT = "kafka.port";

    /** The embedded broker's data directory, kept across runs (default: temporary, deleted). */
    public static final String KAFKA_LOG_DIR = "kafka.log.dir";

    /** Replicas per created topic (default -1: the broker's {@code default.replication.factor}). */
    public static final String REPLICATION_FACTOR = "topics.replication.factor";

    /** The port of the Schema Registry {@code up} serves (default 8081; 0 picks a free port). */
    public static final String REGISTRY_PORT = "registry.port";

    /** The embedded broker's default port: where Kafka clients look first. */
    public static final int DEFAULT_KAFKA_PORT = 9092;

    /** The served Schema Registry's default port, Confluent's. */
    public static final int DEFAULT_REGISTRY_PORT = 8081;

    /**
     * Settings with no client properties and no registry credentials; {@code up} serves no
     * registry.
     *
     * @param bootstrapServers an existing cluster to use; empty starts the embedded broker
     * @param schemaRegistryUrl {@code embedded}, or Schema Registry URL(s)
     * @param kafkaPort the embedded broker's client port, 0 for any free port
     * @param kafkaLogDir where the embedded broker keeps data across runs
     * @param replicationFactor replicas per new topic; -1 takes the broker's default
     */
    public UpConfig(
            Optional<String> bootstrapServers,
            String schemaRegistryUrl,
            int kafkaPort,
            Optional<Path> kafkaLogDir,
            short replicationFactor) {
        this(
                bootstrapServers,
                schemaRegistryUrl,
                kafkaPort,
                kafkaLogDir,
                replicationFactor,
                new KafkaSettings(
                        bootstrapServers.orElse("127.0.0.1:" + kafkaPort),
                        Map.of(SCHEMA_REGISTRY_URL, schemaRegistryUrl),
                        Map.of()),
                OptionalInt.empty());
    }

    /** Validates every component; the message of a failure names the key. */
    public UpConfig {
        Objects.requireNonNull(bootstrapServers, BOOTSTRAP_SERVERS);
        Objects.requireNonNull(kafkaLogDir, KAFKA_LOG_DIR);
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(registryPort, REGISTRY_PORT);
        bootstrapServers.ifPresent(UpConfig::checkBootstrapServers);
        checkRegistryUrl(schemaRegistryUrl);
        if (kafkaPort < 0 || kafkaPort > 65_535) {
            throw invalid(KAFKA_PORT, String.valueOf(kafkaPort), "a port, 0 to 65535");
        }
        if (replicationFactor != -1 && replicationFactor < 1) {
            throw invalid(REPLICATION_FACTOR, String.valueOf(replicationFactor), "-1 or >= 1");
        }
        registryPort.ifPresent(
                port -> {
                    if (port < 0 || port > 65_535) {
                        throw invalid(REGISTRY_PORT, String.valueOf(port), "a port, 0 to 65535");
                    }
                });
    }

    /**
     * Reads the configuration.
     *
     * @param source environment, system properties and flags
     * @return the validated configuration
     * @throws ConfigException naming the first key that is wrong
     */
    public static UpConfig from(ConfigSource source) {
        Optional<String> bootstrap = source.raw(BOOTSTRAP_SERVERS);
        // The port is read only for the embedded broker: Docker links and Kubernetes services
        // named "kafka" set KAFKA_PORT=tcp://host:port in the environment of clients.
        int port = bootstrap.isEmpty() ? source.integer(KAFKA_PORT, DEFAULT_KAFKA_PORT) : 0;
        int replicas = source.integer(REPLICATION_FACTOR, -1);
        if (replicas > Short.MAX_VALUE || replicas < Short.MIN_VALUE) {
            throw invalid(REPLICATION_FACTOR, String.valueOf(replicas), "-1 or >= 1");
        }
        // Only next to its own broker: on an existing cluster a real registry may own _schemas.
        OptionalInt registryPort =
                bootstrap.isPresent() || source.raw(SCHEMA_REGISTRY_URL).isPresent()
                        ? OptionalInt.empty()
                        : OptionalInt.of(source.integer(REGISTRY_PORT, DEFAULT_REGISTRY_PORT));
        // A served registry's URL; with port 0 the stack replaces it once the port is chosen.
        ConfigSource withRegistry =
                registryPort.isPresent()
                        ? source.withOverrides(
                                Map.of(SCHEMA_REGISTRY_URL, localUrl(registryPort.getAsInt())))
                        : source;
        String registry = withRegistry.string(SCHEMA_REGISTRY_URL, EventSerdeConfig.EMBEDDED);
        checkRegistryUrl(registry);
        return new UpConfig(
                bootstrap,
                registry,
                port,
                source.raw(KAFKA_LOG_DIR).map(Path::of),
                (short) replicas,
                KafkaSettings.from(withRegistry, "127.0.0.1:" + port),
                registryPort);
    }

    /**
     * Where a registry served here on this port is reached.
     *
     * @param port the port
     * @return {@code http://127.0.0.1:port}
     */
    static String localUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Whether {@code up} starts its own broker.
     *
     * @return true when no {@code bootstrap.servers} was given
     */
    public boolean embeddedBroker() {
        return bootstrapServers.isEmpty();
    }

    /**
     * The settings every serde of the registry's topics needs.
     *
     * @return {@code {schema.registry.url=...}} and the registry's credentials, if any
     */
    public Map<String, Object> serdeConfig() {
        return kafka.serdeConfig();
    }

    private static void checkBootstrapServers(String servers) {
        for (String server : servers.split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || !s.substring(colon + 1).matches("\\d{1,5}")) {
                throw invalid(BOOTSTRAP_SERVERS, servers, "host:port[,host:port...]");
            }
        }
    }

    private static void checkRegistryUrl(String url) {
        Objects.requireNonNull(url, SCHEMA_REGISTRY_URL);
        if (url.equals(EventSerdeConfig.EMBEDDED)) {
            return;
        }
        for (String each : url.split(",")) {
            try {
                URI uri = URI.create(each.trim());
                if (uri.getHost() == null
                        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException(each);
                }
            } catch (IllegalArgumentException e) {
                throw invalid(SCHEMA_REGISTRY_URL, url, "'embedded' or http(s)://host:port URLs");
            }
        }
    }

    private static ConfigException invalid(String key, String value, String expected) {
        return new ConfigException(
                "Configuration key '"
                        + key
                        + "' (env "
                        + ConfigSource.environmentName(key)
                        + ") must be "
                        + expected
                        + ", got '"
                        + value
                        + "'");
    }
}
