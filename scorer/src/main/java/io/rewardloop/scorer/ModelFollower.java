package io.rewardloop.scorer;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.model.scoring.RewardScorer;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.scorer.metrics.ScorerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@code rlhf.models} topic from its beginning: for this scorer's lineage,
 * every newer version is verified (sha256), loaded and offered to the {@link ModelHolder}; the
 * scoring loop switches to it at its next batch. A bad record is logged and counted, never fatal:
 * the scorer keeps the model it has.
 */
public final class ModelFollower implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);

    private final String lineage;
    private final Consumer<byte[], byte[]> consumer;
    private final RecordDecoder<ModelPublished> decoder;
    private final ModelLoader loader;
    private final ModelHolder holder;
    private final ScorerMetrics metrics;
    private volatile boolean running = true;

    /**
     * Creates the follower; it owns the consumer.
     *
     * @param lineage the model lineage (record key) to follow
     * @param consumer a read_committed consumer of bytes, not subscribed
     * @param decoder decodes {@code ModelPublished} values
     * @param loader loads a verified artifact
     * @param holder where new versions go
     * @param metrics what to count
     */
    public ModelFollower(
            String lineage,
            Consumer<byte[], byte[]> consumer,
            RecordDecoder<ModelPublished> decoder,
            ModelLoader loader,
            ModelHolder holder,
            ScorerMetrics metrics) {
        this.lineage = lineage;
        this.consumer = consumer;
        this.decoder = decoder;
        this.loader = loader;
        this.holder = holder;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.MODELS.name()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .collect(Collectors.toList());
            if (partitions.isEmpty()) {
                throw new RewardLoopException(
                        "topic "
                                + Topics.MODELS.name()
                                + " does not exist: create the topics first (rlhf topics"
                                + " --bootstrap-servers ...)");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    if (lineage.equals(key(record))) {
                        consider(record);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    /** Stops following; safe from any thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void consider(ConsumerRecord<byte[], byte[]> record) {
        try {
            ModelPublished published = decoder.decode(record);
            if (published == null || !holder.isNewer(published.getVersion())) {
                return; // a tombstone, or not newer than what we score with
            }
            byte[] artifact = ArtifactCheck.verifiedArtifact(published);
            RewardScorer scorer = loader.load(published, artifact);
            if (holder.offer(scorer)) {
                metrics.recordModelSwap(scorer.version());
                LOG.info(
                        "model {} (backbone {}, objectives {}) from {}-{}@{} is live",
                        scorer.version(),
                        published.getBackboneId(),
                        scorer.objectives(),
                        record.topic(),
                        record.partition(),
                        record.offset());
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "ignoring model record {}-{}@{}; keeping model {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    holder.version(),
                    e.getMessage(),
                    e);
            metrics.recordRejectedModel();
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
