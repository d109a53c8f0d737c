package io.rewardloop.status;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelCatalog;
import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.RewardScored;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code rlhf.rewards}, {@code rlhf.control}, {@code rlhf.preferences}, {@code rlhf.ratings}
 * and the feedback dead-letter topics from their beginning (read_committed, no consumer group) into
 * the {@link StatusAggregator}, and re-reads the {@link ModelCatalog} whenever {@code rlhf.models}
 * has grown. A record that does not decode is counted and skipped.
 */
final class StatusFollower implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusFollower.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long MODELS_CHECK_MILLIS = 2000;

    /** The header {@code rlhf up --smoke} marks its sample records with: not shown. */
    static final String SMOKE_HEADER = "rlhf.smoke";

    /** Dead letters of feedback: what the ingest rejected. */
    static final Set<String> REJECTED_TOPICS =
            Set.of(
                    Topics.FEEDBACK_DLQ.name(),
                    Topics.PREFERENCES_DLQ.name(),
                    Topics.RATINGS_DLQ.name());

    private final KafkaSettings kafka;
    private final ChannelConfig channel;
    private final String lineage;
    private final StatusAggregator aggregator;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordDecoder<RewardScored> rewards;
    private final RecordDecoder<ControlEvent> control;
    private final TopicPartition models = new TopicPartition(Topics.MODELS.name(), 0);
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private long modelsEnd = -1;
    private long modelsCheckedAt;

    StatusFollower(
            KafkaSettings kafka,
            ChannelConfig channel,
            String lineage,
            String clientId,
            StatusAggregator aggregator) {
        this.kafka = kafka;
        this.channel = channel;
        this.lineage = lineage;
        this.aggregator = aggregator;
        Map<String, Object> config = kafka.committedReaderConfig(clientId);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.rewards = RecordDecoder.forValues(Topics.REWARDS, kafka.serdeConfig());
        this.control = RecordDecoder.forValues(Topics.CONTROL, kafka.serdeConfig());
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = partitions();
            // rlhf.models is assigned only so that its end offset can be asked (a read_committed
            // consumer warns on every lookup of a partition it does not hold); paused, never read.
            List<TopicPartition> assigned = new ArrayList<>(partitions);
            assigned.add(models);
            consumer.assign(assigned);
            consumer.pause(List.of(models));
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            while (running) {
                refreshModels();
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    accept(record);
                }
                if (!caughtUp && reached(end)) {
                    caughtUp = true;
                    LOG.info("status page read the topics so far");
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Whether everything the topics held at start has been read, and the catalog once. */
    boolean caughtUp() {
        return caughtUp;
    }

    /** Stops the loop. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    private List<TopicPartition> partitions() {
        List<String> topics =
                new ArrayList<>(
                        List.of(
                                Topics.REWARDS.name(),
                                Topics.CONTROL.name(),
                                Topics.PREFERENCES.name(),
                                Topics.RATINGS.name()));
        topics.addAll(REJECTED_TOPICS);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            var infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new RewardLoopException(
                        "topic "
                                + topic
                                + " does not exist: create the topics first (rlhf topics)");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    /** Re-reads the catalog when {@code rlhf.models} grew: compacted, small, rarely written. */
    private void refreshModels() {
        long now = System.currentTimeMillis();
        if (modelsEnd >= 0 && now - modelsCheckedAt < MODELS_CHECK_MILLIS) {
            return;
        }
        modelsCheckedAt = now;
        long end = consumer.endOffsets(List.of(models), TIMEOUT).getOrDefault(models, 0L);
        if (end != modelsEnd) {
            ModelCatalog catalog = ModelCatalog.read(kafka, channel);
            aggregator.onModels(
                    ModelRows.of(catalog, lineage),
                    catalog.live(lineage).map(ModelCatalog.Entry::version).orElse(null));
            modelsEnd = end;
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (record.headers().lastHeader(SMOKE_HEADER) != null) {
            return;
        }
        try {
            if (topic.equals(Topics.REWARDS.name())) {
                aggregator.onReward(rewards.decode(record), record.timestamp());
            } else if (topic.equals(Topics.CONTROL.name())) {
                String key =
                        record.key() == null
                                ? ""
                                : new String(record.key(), StandardCharsets.UTF_8);
                aggregator.onControl(key, control.decode(record), record.timestamp());
            } else if (topic.equals(Topics.PREFERENCES.name())) {
                aggregator.onPreference(record.timestamp());
            } else if (topic.equals(Topics.RATINGS.name())) {
                aggregator.onRating(record.timestamp());
            } else {
                Header reason = record.headers().lastHeader(DeadLetters.REASON);
                aggregator.onRejected(
                        reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8),
                        record.timestamp());
            }
        } catch (RuntimeException e) {
            aggregator.onSkipped();
            LOG.warn(
                    "skipped {}-{}@{}: {}",
                    topic,
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
