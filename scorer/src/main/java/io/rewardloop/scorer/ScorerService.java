package io.rewardloop.scorer;

import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.scorer.metrics.Health;
import io.rewardloop.scorer.metrics.HealthServer;
import io.rewardloop.scorer.metrics.ScorerMetrics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running scorer instance: the model follower, the exactly-once scoring loop, and the health
 * and metrics endpoint, started together and stopped together.
 */
public final class ScorerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScorerService.class);

    private final ScorerConfig config;
    private final ScorerMetrics metrics = new ScorerMetrics();
    private final ModelHolder models = new ModelHolder();
    private final ModelFollower follower;
    private final ScoringLoop loop;
    private final Thread followerThread;
    private final Thread loopThread;
    private final HealthServer http;
    private volatile Throwable failure;
    private final java.util.concurrent.atomic.AtomicBoolean closed =
            new java.util.concurrent.atomic.AtomicBoolean();

    private ScorerService(ScorerConfig config, ModelLoader loader) {
        this.config = config;
        Map<String, String> serde =
                Map.of(EventSerdeConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
        this.follower =
                new ModelFollower(
                        config.modelLineage(),
                        new KafkaConsumer<>(
                                modelConsumerConfig(),
                                new ByteArrayDeserializer(),
                                new ByteArrayDeserializer()),
                        RecordDecoder.forValues(Topics.MODELS, serde),
                        loader,
                        models,
                        metrics);
        RecordDecoder<ResponseGenerated> responses =
                RecordDecoder.forValues(Topics.RESPONSES, serde);
        ScoringStep step =
                new ScoringStep(
                        config,
                        responses::decode,
                        Topics.REWARDS.valueSerde(serde).serializer(),
                        Clock.systemUTC());
        this.loop =
                new ScoringLoop(
                        config,
                        new KafkaConsumer<>(
                                responseConsumerConfig(),
                                new ByteArrayDeserializer(),
                                new ByteArrayDeserializer()),
                        new KafkaProducer<>(
                                producerConfig(),
                                new ByteArraySerializer(),
                                new ByteArraySerializer()),
                        step,
                        models,
                        metrics);
        this.followerThread = thread(follower, "scorer-models");
        this.loopThread = thread(loop, "scorer-loop");
        this.http =
                config.httpPort() < 0
                        ? null
                        : HealthServer.start(config.httpPort(), this::health, metrics);
    }

    /**
     * Starts an instance.
     *
     * @param config the configuration
     * @param loader how a published model becomes a scorer
     * @return the running instance
     */
    public static ScorerService start(ScorerConfig config, ModelLoader loader) {
        ScorerService service = new ScorerService(config, loader);
        service.followerThread.start();
        service.loopThread.start();
        LOG.info(
                "scorer {} started: group {}, lineage {}, health on port {}",
                config.instanceId(),
                config.groupId(),
                config.modelLineage(),
                service.httpPort().map(String::valueOf).orElse("(off)"));
        return service;
    }

    /**
     * What /health reports.
     *
     * @return the health
     */
    public Health health() {
        if (failure != null) {
            return new Health(false, "failed: " + failure.getMessage(), models.version());
        }
        if (models.current().isEmpty()) {
            return new Health(false, "waiting for a model on " + Topics.MODELS.name(), "none");
        }
        return loop.isConsuming()
                ? new Health(true, "scoring", models.version())
                : new Health(false, "starting", models.version());
    }

    /**
     * The instance's metrics.
     *
     * @return the metrics
     */
    public ScorerMetrics metrics() {
        return metrics;
    }

    /**
     * The partitions of {@code rlhf.responses} this instance owns now.
     *
     * @return the assignment
     */
    public Set<TopicPartition> assignedPartitions() {
        return loop.assignedPartitions();
    }

    /**
     * The port of the health endpoint, when enabled.
     *
     * @return the port
     */
    public Optional<Integer> httpPort() {
        return http == null ? Optional.empty() : Optional.of(http.port());
    }

    /**
     * Blocks until the scoring loop ends (after {@link #close()} or a fatal error).
     *
     * @throws InterruptedException when interrupted
     */
    public void awaitTermination() throws InterruptedException {
        loopThread.join();
    }

    /** Stops the instance: finishes the current transaction, then closes everything. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.stop();
        follower.stop();
        try {
            loopThread.join(30_000);
            followerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (http != null) {
            http.close();
        }
        LOG.info(
                "scorer {} stopped after scoring {} responses",
                config.instanceId(),
                metrics.scoredCount());
    }

    private Thread thread(Runnable body, String name) {
        Thread thread = new Thread(body, name + "-" + config.instanceId());
        thread.setUncaughtExceptionHandler(
                (t, e) -> {
                    failure = e;
                    LOG.error("{} stopped on a fatal error", t.getName(), e);
                });
        return thread;
    }

    private Map<String, Object> responseConsumerConfig() {
        Map<String, Object> props = common();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-responses");
        return props;
    }

    private Map<String, Object> modelConsumerConfig() {
        Map<String, Object> props = common();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-models");
        // Model artifacts travel inline; allow records up to the broker's default maximum.
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return props;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = common();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rlhf-scorer-" + config.instanceId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                (int) config.transactionTimeout().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-rewards");
        return props;
    }

    private Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }
}
