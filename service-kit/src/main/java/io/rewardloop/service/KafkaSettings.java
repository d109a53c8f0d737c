package io.rewardloop.service;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How every service reaches Kafka: the bootstrap servers, the serde settings (Schema Registry URL
 * and its credentials), and extra client properties passed through unchanged to every consumer,
 * producer, admin client and Streams instance ({@code security.protocol}, {@code sasl.*}, {@code
 * ssl.*}, ...), so a service runs against a secured cluster without code changes.
 *
 * <p>Extra client properties come from a properties file ({@value #CLIENT_CONFIG_FILE}, the same
 * file Kafka's own tools take as {@code --command-config}) and from keys prefixed {@value
 * #CLIENT_PREFIX} (environment {@code KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL} or system property
 * {@code -Dkafka.client.security.protocol=SASL_SSL}); the prefixed keys win.
 *
 * <p>The serde settings take every key under {@value #REGISTRY_PREFIX}: the URL, and the registry's
 * basic auth ({@code schema.registry.basic.auth.user.info=user:password}) and TLS ({@code
 * schema.registry.ssl.truststore.location}, {@code .password}, {@code .type}, and a key store for
 * mutual TLS), as {@link io.rewardloop.schemas.registry.RegistrySecurity} reads them; they are
 * checked here, so a bad one stops the service at start-up.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param serdeConfig what the serdes get ({@code schema.registry.url} and registry credentials)
 * @param clientProperties passed to every Kafka client
 */
public record KafkaSettings(
        String bootstrapServers,
        Map<String, Object> serdeConfig,
        Map<String, String> clientProperties) {

    /** Kafka bootstrap servers. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    /** Schema Registry URL(s), or {@code embedded}. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    /** A Kafka client properties file whose entries go to every client. */
    public static final String CLIENT_CONFIG_FILE = "kafka.client.config.file";

    /** Prefix of the Schema Registry's keys, all passed to the serdes. */
    public static final String REGISTRY_PREFIX = "schema.registry.";

    /** Prefix of keys passed through to every Kafka client, prefix removed. */
    public static final String CLIENT_PREFIX = "kafka.client.";

    /** Validates and copies. */
    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ConfigException(BOOTSTRAP_SERVERS + " must not be empty");
        }
        serdeConfig = Map.copyOf(serdeConfig);
        clientProperties = Map.copyOf(clientProperties);
    }

    /**
     * Plain settings: no registry (embedded framing), no extra client properties. For tests and the
     * embedded default.
     *
     * @param bootstrapServers the cluster
     * @return the settings
     */
    public static KafkaSettings embedded(String bootstrapServers) {
        return new KafkaSettings(
                bootstrapServers, Map.of(SCHEMA_REGISTRY_URL, "embedded"), Map.of());
    }

    /**
     * Reads the settings: environment, then system properties, then defaults.
     *
     * @param source where to read
     * @param defaultBootstrapServers used when {@value #BOOTSTRAP_SERVERS} is not set
     * @return the validated settings
     */
    public static KafkaSettings from(ConfigSource source, String defaultBootstrapServers) {
        Map<String, String> client = new TreeMap<>();
        source.raw(CLIENT_CONFIG_FILE).ifPresent(file -> client.putAll(readFile(Path.of(file))));
        client.putAll(source.withPrefix(CLIENT_PREFIX));
        Map<String, Object> serde = new HashMap<>();
        source.withPrefix(REGISTRY_PREFIX).forEach((k, v) -> serde.put(REGISTRY_PREFIX + k, v));
        serde.put(SCHEMA_REGISTRY_URL, source.string(SCHEMA_REGISTRY_URL, "embedded"));
        // Fails fast, naming the key: a bad URL, an unreadable trust store, user info without ':'.
        EventSerdeConfig.from(serde);
        return new KafkaSettings(
                source.string(BOOTSTRAP_SERVERS, defaultBootstrapServers), serde, client);
    }

    /**
     * A copy with other bootstrap servers (the embedded broker's, once it runs).
     *
     * @param servers the cluster
     * @return the copy
     */
    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(servers, serdeConfig, clientProperties);
    }

    /**
     * The base of every client's configuration: bootstrap servers and the passed-through
     * properties. A mutable copy: add the client's own settings to it.
     *
     * @return a new map
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /**
     * A consumer that reads committed records (read_committed) from positions it picks itself: no
     * consumer group commits. A mutable copy, like {@link #clientConfig()}.
     *
     * @param clientId the consumer's client id
     * @return a new map
     */
    public Map<String, Object> committedReaderConfig(String clientId) {
        Map<String, Object> props = clientConfig();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    /** Secrets are never printed: values of password, secret, token and JAAS keys are masked. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers="
                + bootstrapServers
                + ", serdeConfig="
                + Redaction.redact(serdeConfig)
                + ", clientProperties="
                + Redaction.redact(clientProperties)
                + "]";
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException(
                    CLIENT_CONFIG_FILE + ": cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new TreeMap<>();
        props.forEach(
                (k, v) -> out.put(String.valueOf(k).toLowerCase(Locale.ROOT), String.valueOf(v)));
        return out;
    }
}
