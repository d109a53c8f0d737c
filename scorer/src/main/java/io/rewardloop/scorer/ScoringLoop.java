package io.rewardloop.scorer;

import io.rewardloop.channel.ModelHolder;
import io.rewardloop.model.scoring.RewardScorer;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.scorer.ScoringStep.ReceivedRecord;
import io.rewardloop.scorer.ScoringStep.StepOutput;
import io.rewardloop.scorer.metrics.ScorerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scorer's Kafka loop, exactly once: poll {@code rlhf.responses} until the token budget, the
 * record bound or the batch wait is reached, then in ONE transaction produce the batch's rewards
 * and dead letters and commit its offsets. Nothing is held across a commit.
 *
 * <p>A batch that fails for a transient cause (the Schema Registry unreachable, a broker timeout,
 * any Kafka error in the transaction) is aborted, its partitions are rewound, and it is tried again
 * after a bounded exponential backoff ({@link LoopSettings}); none of its records is dead-lettered
 * for that. A fenced producer is replaced under a fresh transactional id (see {@link
 * RewardTransactions}). Records of a partition revoked while a batch is being gathered are dropped:
 * the partition's new owner scores them.
 */
public final class ScoringLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringLoop.class);

    /** Makes the loop's transactional producers (a new one after fencing or a fatal error). */
    @FunctionalInterface
    public interface ProducerFactory {
        /**
         * Creates a producer of bytes, not yet initialized for transactions.
         *
         * @param transactionalId the producer's {@code transactional.id}
         * @return the producer
         */
        Producer<byte[], byte[]> create(String transactionalId);
    }

    private final ScorerConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final RewardTransactions transactions;
    private final RetryBackoff backoff;
    private final ScoringStep step;
    private final ModelHolder models;
    private final ScorerMetrics metrics;
    private final BatchCollector batches;
    private volatile boolean running = true;
    private volatile boolean consuming;
    private boolean positionsUnknown;

    /**
     * Creates the loop; it owns the consumer and the producers from now on.
     *
     * @param config the configuration
     * @param consumer a read_committed, no-auto-commit consumer of bytes
     * @param producers makes transactional producers of bytes
     * @param step the pure scoring step
     * @param models where the current model comes from
     * @param metrics what to count
     */
    public ScoringLoop(
            ScorerConfig config,
            Consumer<byte[], byte[]> consumer,
            ProducerFactory producers,
            ScoringStep step,
            ModelHolder models,
            ScorerMetrics metrics) {
        this(config, consumer, producers, step, models, metrics, FaultInjection.of(config.loop()));
    }

    ScoringLoop(
            ScorerConfig config,
            Consumer<byte[], byte[]> consumer,
            ProducerFactory producers,
            ScoringStep step,
            ModelHolder models,
            ScorerMetrics metrics,
            FaultInjection faults) {
        this.config = config;
        this.consumer = consumer;
        this.transactions =
                new RewardTransactions(producers, transactionalId(config.instanceId()), faults);
        this.backoff =
                new RetryBackoff(
                        config.loop().retryBackoffInitial(), config.loop().retryBackoffMax());
        this.batches = new BatchCollector(config, consumer, metrics);
        this.step = step;
        this.models = models;
        this.metrics = metrics;
    }

    /**
     * The transactional id of an instance (before any fencing).
     *
     * @param instanceId the instance id
     * @return {@code rlhf-scorer-<instanceId>}
     */
    public static String transactionalId(String instanceId) {
        return "rlhf-scorer-" + instanceId;
    }

    /**
     * Whether the loop has a model and is consuming.
     *
     * @return true once scoring
     */
    public boolean isConsuming() {
        return consuming && running;
    }

    /**
     * The partitions of {@code rlhf.responses} this instance owns now.
     *
     * @return the assignment, empty before the first rebalance
     */
    public Set<TopicPartition> assignedPartitions() {
        return batches.assigned();
    }

    @Override
    public void run() {
        try {
            if (!initProducer()) {
                return;
            }
            RewardScorer first = awaitFirstModel();
            if (first == null) {
                return;
            }
            consumer.subscribe(List.of(Topics.RESPONSES.name()), batches.dropRevoked());
            consuming = true;
            LOG.info("scoring {} with model {}", Topics.RESPONSES.name(), first.version());
            while (running) {
                scoreNextBatch();
            }
        } catch (WakeupException | InterruptException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consuming = false;
            batches.forgetAssignment();
            consumer.close();
            transactions.close();
        }
    }

    /** Stops the loop after the current transaction; safe from any thread. */
    public void stop() {
        running = false;
        backoff.stop();
        consumer.wakeup();
    }

    private boolean initProducer() throws InterruptedException {
        while (running) {
            try {
                transactions.ensureReady();
                return true;
            } catch (KafkaException e) {
                retryLater("initializing transactional id " + transactions.transactionalId(), e);
            }
        }
        return false;
    }

    private RewardScorer awaitFirstModel() throws InterruptedException {
        while (running) {
            Optional<RewardScorer> model = models.await(Duration.ofMillis(200));
            if (model.isPresent()) {
                return model.get();
            }
        }
        return null;
    }

    private void scoreNextBatch() throws InterruptedException {
        List<ReceivedRecord> batch;
        try {
            resyncPositionsIfUnknown();
            batch = batches.collect(() -> running);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            batches.rewind(batches.gathered());
            retryLater("polling " + Topics.RESPONSES.name(), e);
            return;
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            StepOutput output = step.apply(batch, models.current().orElseThrow());
            transactions.commit(
                    output,
                    BatchCollector.nextOffsets(batch),
                    consumer.groupMetadata(),
                    this::logDeadLetter);
            record(output);
            backoff.reset();
        } catch (TransientScoringException e) {
            batches.rewind(batch);
            retryLater("scoring a batch of " + batch.size(), e);
        } catch (KafkaException e) {
            batches.rewind(batch);
            // The commit may have happened: the committed offsets, once settled, decide.
            positionsUnknown = transactions.recover(e);
            retryLater("the transaction of a batch of " + batch.size(), e);
        } finally {
            metrics.setQueueDepth(0);
        }
    }

    private void retryLater(String what, RuntimeException cause) throws InterruptedException {
        Duration delay = backoff.nextDelay();
        LOG.warn(
                "{} failed (transient, try {} in a row): {}; trying again in {} ms",
                what,
                backoff.failuresInARow() + 1,
                cause.toString(),
                delay.toMillis());
        backoff.pause();
    }

    /**
     * After a commit whose outcome is unknown, resume every owned partition from the group's
     * committed offset: a read_committed consumer fetches only stable offsets, so this waits until
     * the transaction is settled and never scores a committed record twice.
     */
    private void resyncPositionsIfUnknown() {
        if (!positionsUnknown) {
            return;
        }
        // Initializing the transactional id first settles the open transaction (commit or abort).
        transactions.ensureReady();
        Set<TopicPartition> owned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(owned);
        committed.forEach(
                (partition, offset) -> {
                    if (offset != null) {
                        consumer.seek(partition, offset.offset());
                    }
                });
        LOG.info("resumed {} from the committed offsets {}", owned, committed);
        positionsUnknown = false;
    }

    private void logDeadLetter(ProducerRecord<byte[], byte[]> deadLetter) {
        var reason = deadLetter.headers().lastHeader(DeadLetters.REASON);
        LOG.warn(
                "dead-lettering {}-{}@{} to {} (model {}): {}",
                header(deadLetter, DeadLetters.SOURCE_TOPIC),
                header(deadLetter, DeadLetters.SOURCE_PARTITION),
                header(deadLetter, DeadLetters.SOURCE_OFFSET),
                deadLetter.topic(),
                models.version(),
                reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8));
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void record(StepOutput output) {
        double[] latencies = new double[output.scored().size()];
        for (int i = 0; i < latencies.length; i++) {
            var event = output.scored().get(i).event();
            latencies[i] = event.getScoringLatencyMs();
            if (event.getTruncation() != io.rewardloop.events.Truncation.NONE) {
                metrics.recordTruncation();
            }
        }
        if (latencies.length > 0) {
            metrics.recordBatch(latencies.length, latencies);
        }
        output.deadLetters().forEach(d -> metrics.recordDeadLetter());
    }
}
