package io.rewardloop.scorer;

import io.rewardloop.model.scoring.RewardScorer;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.scorer.ScoringStep.ReceivedRecord;
import io.rewardloop.scorer.ScoringStep.StepOutput;
import io.rewardloop.scorer.metrics.ScorerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scorer's Kafka loop, exactly once: poll {@code rlhf.responses} until the token budget, the
 * record bound or the batch wait is reached, then in ONE transaction produce the batch's rewards
 * and dead letters and commit its offsets. Nothing is held across a commit; a failed transaction is
 * aborted and its records are consumed again.
 */
public final class ScoringLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringLoop.class);
    private static final int BYTES_PER_TOKEN = 4;

    private final ScorerConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final ScoringStep step;
    private final ModelHolder models;
    private final ScorerMetrics metrics;
    private final List<ReceivedRecord> pending = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean consuming;
    private volatile Set<TopicPartition> assigned = Set.of();

    /**
     * Creates the loop; it owns the consumer and producer from now on.
     *
     * @param config the configuration
     * @param consumer a read_committed, no-auto-commit consumer of bytes
     * @param producer a transactional producer of bytes
     * @param step the pure scoring step
     * @param models where the current model comes from
     * @param metrics what to count
     */
    public ScoringLoop(
            ScorerConfig config,
            Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> producer,
            ScoringStep step,
            ModelHolder models,
            ScorerMetrics metrics) {
        this.config = config;
        this.consumer = consumer;
        this.producer = producer;
        this.step = step;
        this.models = models;
        this.metrics = metrics;
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
        return assigned;
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            RewardScorer first = awaitFirstModel();
            if (first == null) {
                return;
            }
            consumer.subscribe(List.of(Topics.RESPONSES.name()), new DropRevoked());
            consuming = true;
            LOG.info("scoring {} with model {}", Topics.RESPONSES.name(), first.version());
            while (running) {
                List<ReceivedRecord> batch = collect();
                if (!batch.isEmpty()) {
                    scoreInTransaction(batch, models.current().orElseThrow());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consuming = false;
            assigned = Set.of();
            consumer.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Stops the loop after the current transaction; safe from any thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
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

    private List<ReceivedRecord> collect() {
        pending.clear();
        long tokens = 0;
        long firstAt = 0;
        while (running) {
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
                tokens += Math.max(1, record.serializedValueSize() / BYTES_PER_TOKEN);
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
        return new ArrayList<>(pending);
    }

    private void scoreInTransaction(List<ReceivedRecord> batch, RewardScorer model) {
        producer.beginTransaction();
        try {
            StepOutput output = step.apply(batch, model);
            output.scored().forEach(scored -> producer.send(scored.record()));
            output.deadLetters().forEach(this::sendDeadLetter);
            producer.sendOffsetsToTransaction(nextOffsets(batch), consumer.groupMetadata());
            producer.commitTransaction();
            record(output);
        } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
            // Another instance with our transactional id took over: it owns the work now.
            running = false;
            throw fenced;
        } catch (KafkaException e) {
            LOG.warn("transaction for {} records failed, consuming them again", batch.size(), e);
            producer.abortTransaction();
            rewind(batch);
        } finally {
            metrics.setQueueDepth(0);
        }
    }

    private void sendDeadLetter(ProducerRecord<byte[], byte[]> deadLetter) {
        LOG.warn(
                "dead-lettering a record to {} (model {}): {}",
                deadLetter.topic(),
                models.version(),
                new String(
                        deadLetter.headers().lastHeader(DeadLetters.REASON).value(),
                        java.nio.charset.StandardCharsets.UTF_8));
        producer.send(deadLetter);
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

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ReceivedRecord> batch) {
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

    private void rewind(List<ReceivedRecord> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ReceivedRecord received : batch) {
            ConsumerRecord<byte[], byte[]> r = received.record();
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        first.forEach(
                (partition, offset) -> {
                    if (consumer.assignment().contains(partition)) {
                        consumer.seek(partition, offset);
                    }
                });
    }

    /** Records buffered from a partition we lose must not be scored here: the new owner will. */
    private final class DropRevoked implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<TopicPartition> kept = new HashSet<>(assigned);
            kept.removeAll(partitions);
            assigned = Set.copyOf(kept);
            pending.removeIf(
                    r ->
                            partitions.contains(
                                    new TopicPartition(
                                            r.record().topic(), r.record().partition())));
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
