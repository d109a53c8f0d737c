package io.rewardloop.scorer;

import io.rewardloop.scorer.ScoringStep.ReceivedRecord;
import io.rewardloop.scorer.metrics.ScorerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the scoring loop's batches from the consumer (one batch is one transaction), keeps track
 * of the assignment, drops gathered records of a partition revoked before their batch is scored,
 * and rewinds a batch that must be scored again.
 */
final class BatchCollector {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCollector.class);

    private final ScorerConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final ScorerMetrics metrics;
    private final List<ReceivedRecord> pending = new ArrayList<>();
    private volatile Set<TopicPartition> assigned = Set.of();

    BatchCollector(ScorerConfig config, Consumer<byte[], byte[]> consumer, ScorerMetrics metrics) {
        this.config = config;
        this.consumer = consumer;
        this.metrics = metrics;
    }

    /** The listener to subscribe with. */
    ConsumerRebalanceListener dropRevoked() {
        return new DropRevoked();
    }

    /** The partitions owned now; safe from any thread. */
    Set<TopicPartition> assigned() {
        return assigned;
    }

    void forgetAssignment() {
        assigned = Set.of();
    }

    /** Records gathered by a {@link #collect} that failed part-way. */
    List<ReceivedRecord> gathered() {
        return new ArrayList<>(pending);
    }

    /**
     * Polls until the token budget, the record bound or the batch wait is reached.
     *
     * @param running false stops gathering
     * @return the batch, empty when nothing came; gathered records leave this collector
     */
    List<ReceivedRecord> collect(BooleanSupplier running) {
        pending.clear();
        long tokens = 0;
        long firstAt = 0;
        while (running.getAsBoolean()) {
            Duration timeout = Duration.ofMillis(200);
            if (!pending.isEmpty()) {
                long left = config.maxBatchWait().toNanos() - (System.nanoTime() - firstAt);
                if (left <= 0) {
                    break;
                }
                timeout = Duration.ofNanos(left);
            }
            var records = consumer.poll(timeout);
            long now = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                pending.add(new ReceivedRecord(record, now));
                tokens += TokenEstimate.of(record.serializedValueSize());
            }
            if (pending.isEmpty()) {
                break;
            }
            if (firstAt == 0) {
                firstAt = now;
            }
            metrics.setQueueDepth(pending.size());
            if (tokens >= config.maxBatchTokens() || pending.size() >= config.maxPollRecords()) {
                break;
            }
        }
        List<ReceivedRecord> batch = new ArrayList<>(pending);
        pending.clear();
        return batch;
    }

    /** The next offset to commit per partition of a batch. */
    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ReceivedRecord> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ReceivedRecord received : batch) {
            ConsumerRecord<byte[], byte[]> r = received.record();
            offsets.merge(
                    new TopicPartition(r.topic(), r.partition()),
                    new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    /** Seeks each owned partition of the batch back to the batch's first record in it. */
    void rewind(List<ReceivedRecord> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ReceivedRecord received : batch) {
            ConsumerRecord<byte[], byte[]> r = received.record();
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        Set<TopicPartition> owned = consumer.assignment();
        first.forEach(
                (partition, offset) -> {
                    if (owned.contains(partition)) {
                        consumer.seek(partition, offset);
                    }
                });
        pending.clear();
    }

    /** Records buffered from a partition we lose must not be scored here: the new owner will. */
    private final class DropRevoked implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<TopicPartition> kept = new HashSet<>(assigned);
            kept.removeAll(partitions);
            assigned = Set.copyOf(kept);
            int before = pending.size();
            pending.removeIf(
                    r ->
                            partitions.contains(
                                    new TopicPartition(
                                            r.record().topic(), r.record().partition())));
            LOG.info(
                    "revoked {}; dropped {} gathered records of them",
                    partitions,
                    before - pending.size());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<TopicPartition> now = new HashSet<>(assigned);
            now.addAll(partitions);
            assigned = Set.copyOf(now);
            LOG.info("assigned {}", partitions);
        }
    }
}
