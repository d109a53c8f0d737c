package io.rewardloop.status;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.service.ServiceMetrics;
import io.rewardloop.service.ServiceRunner;
import io.rewardloop.service.http.HealthStatus;
import io.rewardloop.service.http.HttpService;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running status page: a reader that follows the topics into bounded aggregates, and the HTTP
 * endpoint that serves them ({@code GET /} the page, {@code GET /status.json} the figures, plus
 * {@code /health} and {@code /metrics}), started and stopped together.
 *
 * <pre>{@code
 * try (StatusService status = StatusService.start(StatusConfig.from(source), channel)) {
 *     LOG.info("Status page on {}", status.baseUrl());
 *     status.awaitTermination();
 * }
 * }</pre>
 */
public final class StatusService implements ServiceRunner.Service {

    private static final Logger LOG = LoggerFactory.getLogger(StatusService.class);

    /** Seeds the per-bucket samples, so that a re-read shows the same quantiles. */
    private static final long SAMPLE_SEED = 42;

    private final StatusAggregator aggregator;
    private final StatusFollower follower;
    private final AgreementClient agreement;
    private final Thread reader;
    private final HttpService http;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Throwable failure;

    private StatusService(StatusConfig config, ChannelConfig channel) {
        this.aggregator =
                new StatusAggregator(
                        config.lineage(),
                        config.bucketWidth().toMillis(),
                        config.bucketCount(),
                        SAMPLE_SEED);
        this.follower =
                new StatusFollower(
                        config.kafka(),
                        channel,
                        config.lineage(),
                        "rlhf-status-" + ProcessHandle.current().pid(),
                        aggregator);
        this.agreement =
                new AgreementClient(
                        config.feedbackUrl(),
                        config.feedbackToken(),
                        5_000,
                        System::currentTimeMillis);
        this.reader = new Thread(this::read, "status-reader");
        reader.setDaemon(true);
        this.http =
                HttpService.builder("status-page")
                        .setSettings(config.http())
                        .setHealth(this::health)
                        .optMetrics(ServiceMetrics.newRegistry())
                        .optRoutes(new StatusRoutes(this::snapshot)::declare)
                        .start();
    }

    /**
     * Starts the reader and the page.
     *
     * @param config the configuration (HTTP must be on)
     * @param channel the model channel's settings, for reading {@code rlhf.models} as followers do
     *     (signature verification, artifact limits)
     * @return the running service
     */
    public static StatusService start(StatusConfig config, ChannelConfig channel) {
        StatusService service = new StatusService(config, channel);
        service.reader.start();
        return service;
    }

    /**
     * Where the page is: {@code http://bind:port}.
     *
     * @return the base URL
     */
    public String baseUrl() {
        return http.baseUrl();
    }

    /**
     * The figures now, as {@code /status.json} serves them.
     *
     * @return the snapshot
     */
    public StatusSnapshot snapshot() {
        return aggregator.snapshot(
                System.currentTimeMillis(), follower.caughtUp(), agreement.current());
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        reader.join();
    }

    @Override
    public String describe() {
        return "rlhf.rewards, rlhf.control, rlhf.preferences, rlhf.ratings, rlhf.models -> "
                + baseUrl()
                + "/";
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure).map(Throwable::getMessage);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        follower.stop();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }

    private void read() {
        try {
            follower.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("status page reader died", e);
        }
    }

    private HealthStatus health() {
        if (failure != null) {
            return HealthStatus.down("failed: " + failure.getMessage());
        }
        return follower.caughtUp()
                ? HealthStatus.up("serving")
                : HealthStatus.down("reading the topics so far");
    }
}
