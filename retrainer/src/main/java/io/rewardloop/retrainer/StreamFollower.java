package io.rewardloop.retrainer;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.service.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code rlhf.preferences}, {@code rlhf.ratings}, {@code rlhf.responses} and {@code
 * rlhf.rewards} from their beginning (read_committed, no consumer group: every instance reads
 * everything) into the {@link FeedbackLog}, and hands every record to a {@link Listener} (drift).
 * {@link #caughtUp()} turns true once it has read what the topics held when it started: no round
 * runs before that. A record that does not decode is logged and skipped (the ingest and the scorer
 * wrote it; its dead-letter topic is upstream).
 */
public final class StreamFollower implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamFollower.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final FeedbackLog log;
    private final Listener listener;
    private final RecordDecoder<PreferenceRecorded> preferences;
    private final RecordDecoder<RatingRecorded> ratings;
    private final RecordDecoder<ResponseGenerated> responses;
    private final RecordDecoder<RewardScored> scored;
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private volatile long skipped;

    /**
     * Creates the follower; it owns its consumer.
     *
     * @param kafka the cluster
     * @param clientId the consumer's client id
     * @param log where feedback and responses go
     * @param listener told about every record read too (drift)
     */
    public StreamFollower(
            KafkaSettings kafka, String clientId, FeedbackLog log, Listener listener) {
        Map<String, Object> config = kafka.committedReaderConfig(clientId);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> serde = kafka.serdeConfig();
        this.log = log;
        this.listener = listener;
        this.preferences = RecordDecoder.forValues(Topics.PREFERENCES, serde);
        this.ratings = RecordDecoder.forValues(Topics.RATINGS, serde);
        this.responses = RecordDecoder.forValues(Topics.RESPONSES, serde);
        this.scored = RecordDecoder.forValues(Topics.REWARDS, serde);
    }

    /**
     * Told about the records read, each with its record time and whether it is live (read after the
     * catch-up) rather than history. Called on the reading thread: must not block.
     */
    public interface Listener {

        /**
         * A reward scored.
         *
         * @param scored the event
         * @param live false while catching up
         */
        void onReward(RewardScored scored, boolean live);

        /**
         * A policy response.
         *
         * @param response the event
         * @param timestamp its record time (ms)
         * @param live false while catching up
         */
        void onResponse(ResponseGenerated response, long timestamp, boolean live);

        /**
         * A preference.
         *
         * @param preference the event
         * @param timestamp its record time (ms)
         * @param live false while catching up
         */
        void onPreference(PreferenceRecorded preference, long timestamp, boolean live);
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic :
                    List.of(
                            Topics.PREFERENCES.name(),
                            Topics.RATINGS.name(),
                            Topics.RESPONSES.name(),
                            Topics.REWARDS.name())) {
                var infos = consumer.partitionsFor(topic, TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    throw new RewardLoopException(
                            "topic "
                                    + topic
                                    + " does not exist: create the topics first (rlhf topics)");
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    accept(record);
                }
                if (!caughtUp && reached(end)) {
                    caughtUp = true;
                    LOG.info(
                            "read the feedback so far: {} pairs, {} ratings",
                            log.pairCount(),
                            log.ratingCount());
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

    /**
     * Whether everything the topics held at start has been read.
     *
     * @return true once caught up
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Records skipped because they did not decode.
     *
     * @return the count
     */
    public long skipped() {
        return skipped;
    }

    /** Stops the loop. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        String where = record.topic() + "-" + record.partition();
        try {
            String topic = record.topic();
            if (topic.equals(Topics.PREFERENCES.name())) {
                PreferenceRecorded preference = preferences.decode(record);
                log.addPreference(preference, record.timestamp(), where, record.offset());
                listener.onPreference(preference, record.timestamp(), caughtUp);
            } else if (topic.equals(Topics.RATINGS.name())) {
                log.addRating(ratings.decode(record), record.timestamp(), where, record.offset());
            } else if (topic.equals(Topics.RESPONSES.name())) {
                ResponseGenerated response = responses.decode(record);
                log.addResponse(response, where, record.offset());
                listener.onResponse(response, record.timestamp(), caughtUp);
            } else {
                listener.onReward(scored.decode(record), caughtUp);
            }
        } catch (RuntimeException e) {
            skipped++;
            LOG.warn("skipped {}@{}: {}", where, record.offset(), e.getMessage());
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
