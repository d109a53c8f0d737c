package io.rewardloop.feedback;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rewardloop.feedback.agreement.AgreementApi;
import io.rewardloop.feedback.agreement.AgreementStreams;
import io.rewardloop.feedback.http.FeedbackApi;
import io.rewardloop.feedback.http.FeedbackPublisher;
import io.rewardloop.feedback.streams.FeedbackStreams;
import io.rewardloop.feedback.streams.StreamMetrics;
import io.rewardloop.feedback.streams.StreamsSettings;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.ServiceMetrics;
import io.rewardloop.service.ServiceRunner;
import io.rewardloop.service.http.HealthStatus;
import io.rewardloop.service.http.HttpService;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running feedback-ingest instance: the Streams application (validation, de-duplication,
 * events, dead letters) and the HTTP API that writes to its input topic and answers duplicates from
 * its index, and the annotator-agreement application ({@link AgreementStreams}, {@code GET
 * /v1/agreement} through {@link AgreementApi}, for the whole application on any instance). Run it
 * with {@link ServiceRunner}; several instances with the same {@link IngestConfig#applicationId()}
 * share the work and the de-duplication state.
 */
public final class FeedbackIngestService implements ServiceRunner.Service {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackIngestService.class);

    private final FeedbackStreams streams;
    private final AgreementStreams agreement;
    private final Producer<byte[], byte[]> producer;
    private final HttpService http;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FeedbackIngestService(
            FeedbackStreams streams,
            AgreementStreams agreement,
            Producer<byte[], byte[]> producer,
            HttpService http) {
        this.streams = streams;
        this.agreement = agreement;
        this.producer = producer;
        this.http = http;
    }

    /**
     * Starts an instance with a new meter registry.
     *
     * @param config the configuration
     * @return the running instance
     */
    public static FeedbackIngestService start(IngestConfig config) {
        return start(config, ServiceMetrics.newRegistry());
    }

    /**
     * Starts an instance: Streams first (the HTTP API's index reads its global store), then the
     * producer, the HTTP endpoint, and the agreement application, which advertises the endpoint's
     * bound port as its {@code application.server}. What started is stopped again when a later part
     * fails.
     *
     * @param config the configuration; the topics must exist ({@code rlhf topics})
     * @param registry the meters, served on {@code /metrics}
     * @return the running instance
     */
    public static FeedbackIngestService start(
            IngestConfig config, PrometheusMeterRegistry registry) {
        FeedbackStreams streams =
                FeedbackStreams.start(
                        config.kafka(),
                        StreamsSettings.of(config),
                        config.completion(),
                        config.validator(),
                        config.kafka().serdeConfig(),
                        new StreamMetrics(registry));
        Producer<byte[], byte[]> producer = null;
        HttpService http = null;
        try {
            producer = FeedbackPublisher.createProducer(config.kafka());
            AgreementApi figures = new AgreementApi();
            http =
                    FeedbackApi.start(
                            config,
                            producer,
                            streams.index(),
                            registry,
                            () -> health(streams, figures),
                            figures::routes);
            AgreementStreams agreement =
                    AgreementStreams.start(
                            config.kafka(),
                            StreamsSettings.of(config),
                            config.kafka().serdeConfig(),
                            AgreementStreams.applicationServer(
                                    config.advertisedServer(), config.http().bind(), http.port()));
            figures.attach(agreement);
            LOG.info("feedback ingest started: {}, HTTP on {}", streams, http.baseUrl());
            return new FeedbackIngestService(streams, agreement, producer, http);
        } catch (RuntimeException e) {
            if (http != null) {
                http.close();
            }
            if (producer != null) {
                producer.close();
            }
            streams.close();
            throw e;
        }
    }

    /**
     * What {@code /health} reports: up while the Streams application runs or rebalances (the HTTP
     * API accepts either way: items wait on {@code rlhf.feedback}), down otherwise. The agreement
     * application's state is reported but does not make the ingest down.
     */
    private static HealthStatus health(FeedbackStreams streams, AgreementApi agreement) {
        KafkaStreams.State state = streams.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        return new HealthStatus(
                up,
                up ? "ingesting" : "streams " + state,
                Map.of("streams", state.toString(), "agreement", agreement.state()));
    }

    /**
     * The HTTP endpoint's base URL.
     *
     * @return e.g. {@code http://127.0.0.1:8090}
     */
    public String baseUrl() {
        return http.baseUrl();
    }

    /**
     * What this instance knows is recorded (every instance's records, through the global store).
     *
     * @return the index
     */
    public FeedbackIndex index() {
        return streams.index();
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        streams.awaitTermination();
    }

    @Override
    public String describe() {
        return Topics.FEEDBACK.name()
                + " -> "
                + Topics.PREFERENCES.name()
                + ", "
                + Topics.RATINGS.name()
                + "; HTTP "
                + http.baseUrl()
                + FeedbackApi.FEEDBACK_PATH;
    }

    @Override
    public Optional<String> failure() {
        if (closed.get()) {
            return Optional.empty();
        }
        return streams.failure().or(() -> Optional.of("streams stopped: " + streams.state()));
    }

    /** Stops the HTTP endpoint, then the producer (sends what it holds), then Streams. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.close();
        producer.close();
        agreement.close();
        streams.close();
    }
}
