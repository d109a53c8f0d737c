package io.rewardloop.launcher;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.kafka.EmbeddedKafkaBroker;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.schemas.Topic;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code rlhf up} runs: a Kafka cluster (the embedded broker, or an existing cluster) with
 * every topic of the registry. Closing it stops the embedded broker, if there is one.
 */
final class KafkaStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStack.class);
    private static final int REACH_TIMEOUT_MS = 20_000;

    private final KafkaCluster cluster;
    private final boolean embedded;
    private final List<Topic<?, ?>> topics;
    private final Duration startup;

    private KafkaStack(
            KafkaCluster cluster, boolean embedded, List<Topic<?, ?>> topics, Duration startup) {
        this.cluster = cluster;
        this.embedded = embedded;
        this.topics = topics;
        this.startup = startup;
    }

    /**
     * Starts (or connects to) the cluster and creates the topics that are missing.
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
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info(
                "Kafka at {} with {} topics ready in {} ms",
                cluster.bootstrapServers(),
                Topics.all().size(),
                took.toMillis());
        return new KafkaStack(cluster, config.embeddedBroker(), Topics.all(), took);
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
        cluster.close();
    }
}
