package io.rewardloop.launcher;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.kafka.EmbeddedKafkaBroker;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.registry.SchemaRegistryServer;
import io.rewardloop.schemas.Topic;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.registry.SchemaRegistryClient;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code rlhf up} runs: a Kafka cluster (the embedded broker, or an existing cluster) with
 * every topic of the registry, and a Confluent-compatible Schema Registry stored on that cluster
 * unless {@code schema.registry.url} names one (or {@code embedded}). Closing it stops the
 * registry, then the embedded broker, if there is one.
 */
final class KafkaStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStack.class);
    private static final int REACH_TIMEOUT_MS = 20_000;
    private static final String LOOPBACK = "127.0.0.1";
    // Confluent's TopicNameStrategy, as the serdes use it.
    private static final String VALUE_SUBJECT_SUFFIX = "-value";

    private final KafkaCluster cluster;
    private final boolean embedded;
    private final List<Topic<?, ?>> topics;
    private final Duration startup;
    private final Optional<SchemaRegistryServer> registry;
    private final KafkaSettings kafka;

    private KafkaStack(
            KafkaCluster cluster,
            boolean embedded,
            Duration startup,
            Optional<SchemaRegistryServer> registry,
            KafkaSettings kafka) {
        this.cluster = cluster;
        this.embedded = embedded;
        this.topics = Topics.all();
        this.startup = startup;
        this.registry = registry;
        this.kafka = kafka;
    }

    /**
     * Starts (or connects to) the cluster, creates the topics that are missing, starts the Schema
     * Registry when {@code up} serves one, and registers the value schema of every event topic
     * under {@code <topic>-value} on the registry in use (none in the registry-less framing).
     *
     * @param config what to start
     * @return the running stack
     */
    static KafkaStack start(UpConfig config) {
        long started = System.nanoTime();
        KafkaCluster cluster =
                config.bootstrapServers()
                        .<KafkaCluster>map(ExternalCluster::new)
                        .orElseGet(() -> startBroker(config));
        try (Admin admin =
                Admin.create(
                        config.kafka()
                                .withBootstrapServers(cluster.bootstrapServers())
                                .clientConfig())) {
            if (!config.embeddedBroker()) {
                awaitReachable(admin, cluster.bootstrapServers());
            }
            TopicAdmin.createAll(admin, Topics.all(), config.replicationFactor());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        KafkaSettings kafka = config.kafka().withBootstrapServers(cluster.bootstrapServers());
        Optional<SchemaRegistryServer> registry;
        try {
            registry = startRegistry(config, kafka);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        if (registry.isPresent()) {
            Map<String, Object> serde = new HashMap<>(kafka.serdeConfig());
            serde.put(UpConfig.SCHEMA_REGISTRY_URL, registry.get().url());
            kafka = new KafkaSettings(kafka.bootstrapServers(), serde, kafka.clientProperties());
        }
        try {
            registerValueSchemas(kafka);
        } catch (RuntimeException e) {
            registry.ifPresent(SchemaRegistryServer::close);
            cluster.close();
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info(
                "Kafka at {} with {} topics ready in {} ms",
                cluster.bootstrapServers(),
                Topics.all().size(),
                took.toMillis());
        return new KafkaStack(cluster, config.embeddedBroker(), took, registry, kafka);
    }

    private static Optional<SchemaRegistryServer> startRegistry(
            UpConfig config, KafkaSettings kafka) {
        if (config.registryPort().isEmpty()) {
            return Optional.empty();
        }
        SchemaRegistryServer server =
                SchemaRegistryServer.start(
                        kafka.clientConfig(),
                        new HttpSettings(LOOPBACK, config.registryPort().getAsInt(), List.of()));
        return Optional.of(server);
    }

    /**
     * Registers the value schema of every event topic under {@code <topic>-value} on the registry
     * the clients use (served here or a cluster's own), so that clients in any language find them
     * by subject: trainers write {@code rlhf.responses} before any service has.
     */
    private static void registerValueSchemas(KafkaSettings kafka) {
        EventSerdeConfig serde = EventSerdeConfig.from(kafka.serdeConfig());
        if (serde.embedded()) {
            return;
        }
        SchemaRegistryClient client = serde.newRegistryClient();
        for (Topic<?, ?> topic : Topics.all()) {
            if (SpecificRecord.class.isAssignableFrom(topic.valueType())) {
                client.register(
                        topic.name() + VALUE_SUBJECT_SUFFIX,
                        SpecificData.get().getSchema(topic.valueType()));
            }
        }
    }

    private static KafkaCluster startBroker(UpConfig config) {
        EmbeddedKafkaBroker.Builder builder =
                EmbeddedKafkaBroker.builder().optPort(config.kafkaPort());
        config.kafkaLogDir().ifPresent(builder::optLogDir);
        return builder.build();
    }

    /** Fails with a message that names the setting, rather than a topic-creation timeout. */
    private static void awaitReachable(Admin admin, String bootstrapServers) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(REACH_TIMEOUT_MS))
                    .clusterId()
                    .get();
        } catch (ExecutionException e) {
            throw new RewardLoopException(
                    "Cannot reach Kafka at "
                            + bootstrapServers
                            + " (bootstrap.servers) within "
                            + REACH_TIMEOUT_MS / 1000
                            + " s: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("Interrupted while connecting to Kafka", e);
        }
    }

    /**
     * The cluster's address.
     *
     * @return a {@code bootstrap.servers} value
     */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * How clients of this stack connect: its bootstrap servers, and the served registry's URL when
     * {@code up} serves one.
     *
     * @return the settings for every client and service {@code up} runs
     */
    KafkaSettings kafka() {
        return kafka;
    }

    /**
     * The Schema Registry this stack serves.
     *
     * @return its URL, or empty when {@code schema.registry.url} was given
     */
    Optional<String> servedRegistryUrl() {
        return registry.map(SchemaRegistryServer::url);
    }

    /**
     * Whether this stack started the broker itself.
     *
     * @return true for the embedded broker
     */
    boolean embedded() {
        return embedded;
    }

    /**
     * The topics that exist now.
     *
     * @return every topic of the registry
     */
    List<Topic<?, ?>> topics() {
        return topics;
    }

    /**
     * How long start-up took, from the first call to the last topic.
     *
     * @return the duration
     */
    Duration startup() {
        return startup;
    }

    @Override
    public void close() {
        registry.ifPresent(SchemaRegistryServer::close);
        cluster.close();
    }
}
