package io.rewardloop.scorer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelChannelListener;
import io.rewardloop.channel.ModelFollower;
import io.rewardloop.channel.ModelHolder;
import io.rewardloop.channel.ModelLoader;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.scorer.http.HttpBatcher;
import io.rewardloop.scorer.http.HttpRecorder;
import io.rewardloop.scorer.http.ScoringApi;
import io.rewardloop.scorer.metrics.Health;
import io.rewardloop.scorer.metrics.HttpScoringMetrics;
import io.rewardloop.scorer.metrics.ScorerMetrics;
import io.rewardloop.service.ServiceMetrics;
import io.rewardloop.service.ServiceRunner;
import io.rewardloop.service.http.HealthStatus;
import io.rewardloop.service.http.HttpService;
import java.time.Clock;
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
 * One running scorer instance: the model follower, the exactly-once scoring loop, and the HTTP
 * endpoint (health, metrics, and scoring over HTTP through {@link HttpBatcher}), started together
 * and stopped together. The loop and the HTTP path take turns on the backbone ({@link
 * ForwardPasses}).
 */
public final class ScorerService implements ServiceRunner.Service {

    private static final Logger LOG = LoggerFactory.getLogger(ScorerService.class);

    private final ScorerConfig config;
    private final PrometheusMeterRegistry registry = ServiceMetrics.newRegistry();
    private final ScorerMetrics metrics = new ScorerMetrics(registry);
    private final ModelHolder models = new ModelHolder();
    private final ModelFollower follower;
    private final ScoringLoop loop;
    private final Thread followerThread;
    private final Thread loopThread;
    private final HttpBatcher batcher;
    private final Thread batcherThread;
    private final HttpRecorder recorder;
    private final HttpService http;
    private volatile Throwable failure;
    private final java.util.concurrent.atomic.AtomicBoolean closed =
            new java.util.concurrent.atomic.AtomicBoolean();

    private ScorerService(ScorerConfig config, ModelLoader loader, ChannelConfig channel) {
        this.config = config;
        // The registry URL and its credentials (basic auth, TLS) for every serde.
        Map<String, Object> serde = config.kafka().serdeConfig();
        this.follower =
                ModelFollower.create(
                        config.kafka(),
                        channel,
                        config.modelLineage(),
                        config.instanceId() + "-models",
                        loader,
                        models,
                        new ModelChannelListener() {
                            @Override
                            public void onLive(ModelPublished record) {
                                metrics.recordModelSwap(record.getVersion());
                            }

                            @Override
                            public void onRejected(String version, String reason) {
                                metrics.recordRejectedModel();
                            }
                        });
        RecordDecoder<ResponseGenerated> responses =
                RecordDecoder.forValues(Topics.RESPONSES, serde);
        ForwardPasses forwards = new ForwardPasses();
        ScoringStep step =
                new ScoringStep(
                        config,
                        responses::decode,
                        Topics.REWARDS.valueSerde(serde).serializer(),
                        Clock.systemUTC(),
                        forwards);
        this.loop =
                new ScoringLoop(
                        config,
                        new KafkaConsumer<>(
                                responseConsumerConfig(),
                                new ByteArrayDeserializer(),
                                new ByteArrayDeserializer()),
                        transactionalId ->
                                new KafkaProducer<>(
                                        producerConfig(transactionalId),
                                        new ByteArraySerializer(),
                                        new ByteArraySerializer()),
                        step,
                        models,
                        metrics);
        this.followerThread = thread(follower, "scorer-models");
        this.loopThread = thread(loop, "scorer-loop");
        this.batcher = new HttpBatcher(config.httpScoring(), models, forwards, registry);
        this.batcherThread = thread(batcher, "scorer-http-batches");
        this.recorder =
                config.http().enabled() && config.httpScoring().record()
                        ? new HttpRecorder(
                                config.kafka(),
                                config.instanceId() + "-http-record",
                                batcher.metrics())
                        : null;
        ScoringApi api =
                new ScoringApi(config.httpScoring(), config.maxTextChars(), batcher, recorder);
        this.http =
                config.http().enabled()
                        ? HttpService.builder("scorer")
                                .setSettings(config.http())
                                .setHealth(this::healthStatus)
                                .optMetrics(registry)
                                .optRoutes(api::declare)
                                .start()
                        : null;
    }

    /**
     * Starts an instance.
     *
     * @param config the configuration
     * @param loader how a published model becomes a scorer
     * @return the running instance
     */
    public static ScorerService start(ScorerConfig config, ModelLoader loader) {
        return start(config, loader, ChannelConfig.from(ConfigSource.fromSystem()));
    }

    /**
     * Starts an instance with a given model-channel configuration (artifact store, signing keys).
     *
     * @param config the configuration
     * @param loader how a published model becomes a scorer
     * @param channel how models are fetched and verified
     * @return the running instance
     */
    public static ScorerService start(
            ScorerConfig config, ModelLoader loader, ChannelConfig channel) {
        ScorerService service = new ScorerService(config, loader, channel);
        service.followerThread.start();
        service.loopThread.start();
        if (service.http != null) {
            service.batcherThread.start();
        }
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
     * What /health serves: {@link #health()} with the model version.
     *
     * @return the status
     */
    private HealthStatus healthStatus() {
        Health health = health();
        return new HealthStatus(
                health.up(), health.detail(), Map.of("modelVersion", health.modelVersion()));
    }

    /**
     * Where it reads and writes, and where its health and metrics are.
     *
     * @return e.g. {@code scorer-a: rlhf.responses -> rlhf.rewards, http://0.0.0.0:8080/health and
     *     /metrics}
     */
    @Override
    public String describe() {
        return config.instanceId()
                + ": "
                + Topics.RESPONSES.name()
                + " -> "
                + Topics.REWARDS.name()
                + " on "
                + config.bootstrapServers()
                + ", "
                + (http == null
                        ? "health endpoint off"
                        : http.baseUrl()
                                + "/health, /metrics, POST /get_reward and /v1/score"
                                + (config.http().authRequired() ? " (bearer token)" : ""));
    }

    /**
     * Why the scoring loop ended on its own, if it did.
     *
     * @return the failure
     */
    @Override
    public Optional<String> failure() {
        Throwable cause = failure;
        return cause == null ? Optional.empty() : Optional.of(cause.toString());
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
     * The HTTP scoring path's metrics.
     *
     * @return the metrics
     */
    public HttpScoringMetrics httpScoringMetrics() {
        return batcher.metrics();
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
    @Override
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
        batcher.stop();
        try {
            loopThread.join(30_000);
            followerThread.join(10_000);
            batcherThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (http != null) {
            http.close();
        }
        if (recorder != null) {
            recorder.close();
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

    private Map<String, Object> producerConfig(String transactionalId) {
        Map<String, Object> props = common();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                (int) config.transactionTimeout().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-rewards");
        return props;
    }

    /** Bootstrap servers and the passed-through client properties (security.protocol, sasl.*). */
    private Map<String, Object> common() {
        return config.kafka().clientConfig();
    }
}
