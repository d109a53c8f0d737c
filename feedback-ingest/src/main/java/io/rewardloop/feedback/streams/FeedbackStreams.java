package io.rewardloop.feedback.streams;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.feedback.FeedbackIndex;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Streams application of {@link FeedbackTopology}: creates the dedup changelog the
 * index reads (when missing), starts, and reports when it dies. Closing it stops it.
 */
public final class FeedbackStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final StreamsSettings settings;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<String> failure = new AtomicReference<>();

    private FeedbackStreams(KafkaStreams streams, StreamsSettings settings) {
        this.streams = streams;
        this.settings = settings;
    }

    /**
     * Starts the application (does not wait for it to be running).
     *
     * @param kafka the cluster; {@code rlhf.feedback} and {@code rlhf.responses} must exist
     * @param settings application id, state directory, ...
     * @param completion how feedback naming responses by id waits for them
     * @param validator the item checks
     * @param serdeConfig the event serdes' settings
     * @param listener told about outcomes, for metrics
     * @return the running application
     */
    public static FeedbackStreams start(
            KafkaSettings kafka,
            StreamsSettings settings,
            CompletionSettings completion,
            FeedbackValidator validator,
            Map<String, ?> serdeConfig,
            FeedbackStreamListener listener) {
        int partitions = ensureChangelog(kafka, settings);
        Topology topology =
                FeedbackTopology.build(
                        settings.applicationId(),
                        validator,
                        serdeConfig,
                        listener,
                        completion,
                        partitions);
        TopologyStamp.wipeIfChanged(
                settings.stateDir().resolve(settings.applicationId()), topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, settings.streamsProperties(kafka));
        FeedbackStreams app = new FeedbackStreams(streams, settings);
        streams.setUncaughtExceptionHandler(
                e -> {
                    LOG.error("feedback ingest streams failed; stopping", e);
                    app.failure.compareAndSet(null, String.valueOf(e));
                    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
        streams.setStateListener(
                (now, before) -> {
                    LOG.info("feedback ingest streams: {} -> {}", before, now);
                    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                        app.ended.countDown();
                    }
                });
        streams.start();
        return app;
    }

    /**
     * The index over this application's global store.
     *
     * @return the index
     */
    public FeedbackIndex index() {
        return new StreamsFeedbackIndex(streams);
    }

    /**
     * The Streams state, e.g. for health.
     *
     * @return the state
     */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Whether the application processes records now.
     *
     * @return true when RUNNING
     */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /**
     * Blocks until the application stopped (closed or failed).
     *
     * @throws InterruptedException when interrupted
     */
    public void awaitTermination() throws InterruptedException {
        ended.await();
    }

    /**
     * Blocks until the application stopped, at most this long.
     *
     * @param timeout how long
     * @return whether it stopped
     * @throws InterruptedException when interrupted
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Why the application died, if it did.
     *
     * @return the failure, or empty
     */
    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Stops the application (commits, closes the stores) and leaves the consumer group, so the
     * other instances take its partitions over at once rather than after the session timeout.
     * Idempotent.
     */
    @Override
    public void close() {
        streams.close(
                CloseOptions.groupMembershipOperation(
                                CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(CLOSE_TIMEOUT));
        ended.countDown();
    }

    @Override
    public String toString() {
        return "FeedbackStreams[" + settings.applicationId() + ", " + streams.state() + "]";
    }

    /**
     * Waits until the broker answering metadata knows the changelog's partitions: a topic just
     * created (by this instance or another) can be committed by the controller before the broker's
     * metadata cache has it, and the global store's consumer then finds "no partitions" and dies.
     */
    private static void awaitVisible(Admin admin, String name)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                TopicDescription described =
                        admin.describeTopics(List.of(name))
                                .allTopicNames()
                                .get(30, TimeUnit.SECONDS)
                                .get(name);
                if (described != null && !described.partitions().isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(name + " is not visible");
            }
            Thread.sleep(50);
        }
    }

    /**
     * The global store is initialized before the first rebalance creates internal topics, so the
     * dedup changelog it reads is created here: compacted, partitioned like {@code rlhf.feedback}
     * (the repartition topic, hence the dedup tasks, follow that count), as Streams would. Checks
     * that {@code rlhf.responses}, which completion reads, exists too.
     *
     * @return the partition count of {@code rlhf.feedback}
     */
    private static int ensureChangelog(KafkaSettings kafka, StreamsSettings settings) {
        String name = FeedbackTopology.dedupChangelog(settings.applicationId());
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicDescription input =
                    admin.describeTopics(List.of(Topics.FEEDBACK.name(), Topics.RESPONSES.name()))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(Topics.FEEDBACK.name());
            NewTopic topic =
                    new NewTopic(
                                    name,
                                    Optional.of(input.partitions().size()),
                                    settings.replicationFactor() < 0
                                            ? Optional.empty()
                                            : Optional.of((short) settings.replicationFactor()))
                            .configs(
                                    Map.of(
                                            TopicConfig.CLEANUP_POLICY_CONFIG,
                                            TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                LOG.info("created {} ({} partitions)", name, input.partitions().size());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitVisible(admin, name);
            return input.partitions().size();
        } catch (ExecutionException e) {
            throw new RewardLoopException(
                    "cannot prepare "
                            + name
                            + " (do "
                            + Topics.FEEDBACK.name()
                            + " and "
                            + Topics.RESPONSES.name()
                            + " exist? run `rlhf topics`): "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("interrupted while preparing " + name, e);
        } catch (TimeoutException e) {
            throw new RewardLoopException("timed out preparing " + name, e);
        }
    }
}
