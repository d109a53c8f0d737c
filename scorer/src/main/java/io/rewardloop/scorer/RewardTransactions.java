package io.rewardloop.scorer;

import io.rewardloop.scorer.ScoringStep.StepOutput;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring loop's transactional producer: one transaction per batch (its rewards, its dead
 * letters and its offsets, sent with the consumer's group metadata), and what to do when one fails.
 *
 * <p>A failed transaction is aborted; a producer that cannot abort (a fatal error) is replaced with
 * one under the same transactional id. A fenced producer ({@link ProducerFencedException}: another
 * live instance initialized the same transactional id) is replaced with one under a fresh
 * transactional id, {@code <id>-<random suffix>}, so that the two instances stop fencing each other
 * instead of taking turns. Exactly-once still holds across the switch: offsets are committed with
 * the consumer's group metadata (KIP-447), so the group's generation, not the transactional id,
 * fences a zombie's commit.
 */
final class RewardTransactions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RewardTransactions.class);

    private final ScoringLoop.ProducerFactory factory;
    private final String configuredId;
    private final FaultInjection faults;
    private String transactionalId;
    private Producer<byte[], byte[]> producer;
    private boolean inTransaction;
    private boolean committing;
    private int fencings;

    RewardTransactions(
            ScoringLoop.ProducerFactory factory, String transactionalId, FaultInjection faults) {
        this.factory = factory;
        this.configuredId = transactionalId;
        this.transactionalId = transactionalId;
        this.faults = faults;
    }

    /** The transactional id in use now: the configured one until the first fencing. */
    String transactionalId() {
        return transactionalId;
    }

    /** How many times this instance was fenced and moved to a fresh transactional id. */
    int fencings() {
        return fencings;
    }

    /**
     * Creates and initializes the producer unless it is ready. Initializing aborts a transaction a
     * crashed predecessor with the same transactional id left open.
     *
     * @throws KafkaException when the broker cannot be reached in time (retry later)
     */
    void ensureReady() {
        if (producer != null) {
            return;
        }
        Producer<byte[], byte[]> created = factory.create(transactionalId);
        try {
            created.initTransactions();
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            if (isFenced(e)) {
                moveToFreshId(e);
            }
            throw e;
        }
        producer = created;
    }

    /**
     * Produces a batch's output and commits it with the batch's offsets, in one transaction.
     *
     * @param output the rewards and dead letters
     * @param offsets the next offset per partition of the batch
     * @param group the consumer's group metadata
     * @param beforeSendingDeadLetter called with each dead letter before it is sent (logging)
     * @throws KafkaException when the transaction failed; call {@link #recover} then
     */
    void commit(
            StepOutput output,
            Map<TopicPartition, OffsetAndMetadata> offsets,
            ConsumerGroupMetadata group,
            Consumer<ProducerRecord<byte[], byte[]>> beforeSendingDeadLetter) {
        ensureReady();
        producer.beginTransaction();
        inTransaction = true;
        output.scored().forEach(scored -> producer.send(scored.record()));
        for (ProducerRecord<byte[], byte[]> deadLetter : output.deadLetters()) {
            beforeSendingDeadLetter.accept(deadLetter);
            producer.send(deadLetter);
        }
        producer.sendOffsetsToTransaction(offsets, group);
        faults.beforeCommit(producer, output.scored().size() + output.deadLetters().size());
        committing = true;
        producer.commitTransaction();
        committing = false;
        inTransaction = false;
    }

    /**
     * Makes the producer usable again after {@link #commit} failed. Before the commit was asked
     * for, the transaction is aborted (or, when the producer cannot abort, replaced): its records
     * were not committed. When {@code commitTransaction} itself failed (a timeout, fencing), the
     * commit may have happened: the producer is replaced, and the next {@link #ensureReady}
     * (initializing its transactional id) settles the open transaction either way; the caller then
     * reads the committed offsets to learn where to resume.
     *
     * @param failure what {@link #commit} threw
     * @return true when the transaction's outcome is unknown (it may have been committed)
     */
    boolean recover(RuntimeException failure) {
        boolean outcomeUnknown = committing;
        committing = false;
        if (isFenced(failure)) {
            discard();
            moveToFreshId(failure);
            return outcomeUnknown;
        }
        if (producer == null || !inTransaction) {
            return outcomeUnknown;
        }
        if (outcomeUnknown) {
            // Kafka allows no abort after a commit that timed out: replace the producer instead.
            discard();
            return true;
        }
        try {
            producer.abortTransaction();
            inTransaction = false;
        } catch (KafkaException abortFailed) {
            LOG.warn(
                    "aborting the transaction of {} failed ({}); replacing the producer",
                    transactionalId,
                    abortFailed.toString());
            discard();
            if (isFenced(abortFailed)) {
                moveToFreshId(abortFailed);
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    static boolean isFenced(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ProducerFencedException) {
                return true;
            }
        }
        return false;
    }

    private void discard() {
        inTransaction = false;
        if (producer != null) {
            // Closing a fenced or failed producer must not wait for sends that cannot complete.
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private void moveToFreshId(Throwable fenced) {
        fencings++;
        String previous = transactionalId;
        transactionalId = configuredId + "-" + UUID.randomUUID().toString().substring(0, 8);
        LOG.error(
                "FENCED: another producer initialized transactional id {} (another live instance"
                        + " with the same {}, or this transaction ran past {}); this instance"
                        + " continues as {} and scores its batch again ({})",
                previous,
                ScorerConfig.INSTANCE_ID,
                ScorerConfig.TRANSACTION_TIMEOUT,
                transactionalId,
                fenced.toString());
    }
}
