package io.rewardloop.retrainer;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.RetrainRequested;
import io.rewardloop.events.RoundFinished;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.RecordDecoder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's loop. Every instance joins one consumer group on {@code rlhf.control}, which has a
 * single partition: the instance that holds it is the leader, the others stand by (and take over
 * when it dies). The leader reads requests, and once it has read the partition to its end and the
 * feedback to its end, answers the unanswered ones with one round (requests that piled up during a
 * round are answered together), publishes the candidate when the gate passes it, and then, in one
 * Kafka transaction, writes a {@code RoundFinished} per request and commits the requests' offsets.
 *
 * <p>Crash safety: a round has no side effects until it publishes; a leader killed before the
 * commit leaves its requests uncommitted, so the next leader answers them again. If the version was
 * already published, the newest version records the request's offset ({@link
 * TrainingRound#REQUEST_OFFSET}) and the round is not rerun. Versions are named from the newest
 * published one, so a second leader racing on the same request would publish the same version,
 * which the publisher refuses; the transactional id is fixed per group and lineage, so a new
 * leader's producer fences a zombie's.
 *
 * <p>Between rounds the leader checks the triggers and writes {@code RetrainRequested} (and the
 * drift watch's {@code DriftDetected}) events, which come back to it as requests.
 */
public final class RoundCoordinator implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RoundCoordinator.class);
    private static final TopicPartition CONTROL = new TopicPartition(Topics.CONTROL.name(), 0);

    private final RetrainerConfig config;
    private final FeedbackLog log;
    private final StreamFollower follower;
    private final RoundRunner runner;
    private final TriggerCheck triggers;
    private final RetrainerListener listener;
    private final Clock clock;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordDecoder<ControlEvent> decoder;
    private final Serializer<ControlEvent> serializer;
    private final List<RoundRequest> pending = new ArrayList<>();
    private final Set<String> answered = new HashSet<>();
    private volatile long skipped;
    private KafkaProducer<String, ControlEvent> producer;
    private long nextOffset = -1;
    private long committedOffset = -1;
    private volatile boolean leader;
    private volatile boolean running = true;

    /**
     * Creates the loop; it owns its consumer and producer.
     *
     * @param config the retrainer's configuration
     * @param log the feedback read so far
     * @param follower the reader of the feedback (rounds wait until it caught up)
     * @param runner runs a round
     * @param triggers what asks for rounds without a user
     * @param listener told about leadership, requests and outcomes
     * @param clock the clock
     */
    public RoundCoordinator(
            RetrainerConfig config,
            FeedbackLog log,
            StreamFollower follower,
            RoundRunner runner,
            TriggerCheck triggers,
            RetrainerListener listener,
            Clock clock) {
        this.config = config;
        this.log = log;
        this.follower = follower;
        this.runner = runner;
        this.triggers = triggers;
        this.listener = listener;
        this.clock = clock;
        Map<String, Object> consumerConfig = new HashMap<>(config.kafka().clientConfig());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-control");
        // Static membership: an instance restarted under the same id takes its partition back at
        // once instead of after the session timeout.
        consumerConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        // Sticky: an instance joining later stands by; with the default range assignor it took
        // the partition from a leader that had just finished a round (instance ids sort first).
        consumerConfig.put(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                (int) Math.min(Integer.MAX_VALUE, config.round().timeout().toMillis()));
        this.consumer =
                new KafkaConsumer<>(
                        consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> serde = config.kafka().serdeConfig();
        this.decoder = RecordDecoder.forValues(Topics.CONTROL, serde);
        this.serializer = Topics.CONTROL.valueSerde(serde).serializer();
    }

    /**
     * The transactional id every leader of a group and lineage uses.
     *
     * @param groupId the group
     * @param lineage the lineage
     * @return {@code <group>-<lineage>-rounds}
     */
    static String transactionalId(String groupId, String lineage) {
        return groupId + "-" + lineage + "-rounds";
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.CONTROL.name()), new Leadership());
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    read(record);
                }
                if (leader && caughtUp()) {
                    act();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            closeProducer();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Whether this instance holds {@code rlhf.control} (runs rounds).
     *
     * @return true on the leader
     */
    public boolean isLeader() {
        return leader;
    }

    /**
     * Records of this lineage on {@code rlhf.control} skipped because they did not decode.
     *
     * @return the count
     */
    public long skipped() {
        return skipped;
    }

    /** Stops the loop (a running round finishes first). */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        nextOffset = record.offset() + 1;
        if (record.key() == null
                || !config.lineage()
                        .equals(
                                new String(
                                        record.key(), java.nio.charset.StandardCharsets.UTF_8))) {
            return;
        }
        ControlEvent event;
        try {
            event = decoder.decode(record);
        } catch (RuntimeException e) {
            skipped++;
            LOG.warn("skipped {}@{}: {}", record.topic(), record.offset(), e.getMessage());
            return;
        }
        if (event.getPayload() instanceof RetrainRequested request) {
            pending.add(
                    new RoundRequest(
                            event.getEventId(),
                            record.offset(),
                            request.getTrigger(),
                            request.getReason(),
                            request.getRequestedBy()));
        } else if (event.getPayload() instanceof RoundFinished finished) {
            answered.add(finished.getRequestId());
        }
    }

    private boolean caughtUp() {
        Long end = consumer.endOffsets(List.of(CONTROL)).get(CONTROL);
        return end != null && consumer.position(CONTROL) >= end && follower.caughtUp();
    }

    private void act() {
        pending.removeIf(r -> answered.contains(r.eventId()));
        if (!pending.isEmpty()) {
            List<RoundRequest> requests = List.copyOf(pending);
            RoundResult result = runner.run(requests.get(requests.size() - 1));
            List<ControlEvent> events = new ArrayList<>();
            for (RoundRequest request : requests) {
                events.add(ControlEvents.roundFinished(request, result));
            }
            if (!commit(events)) {
                // Still pending: answered by whoever holds rlhf.control after the rejoin (this
                // instance again, or another); a version this round published is recognised by
                // its lineage, not published again.
                return;
            }
            requests.forEach(r -> answered.add(r.eventId()));
            pending.clear();
            triggers.roundFinished(log.pairCount(), clock.instant());
            listener.onRoundFinished(requests, result);
            return;
        }
        if (nextOffset > committedOffset) {
            // Commit what was read (answered requests, other lineages' events, our own outcomes).
            commit(List.of());
        }
        List<ControlEvent> asked = triggers.check(clock.instant());
        if (!asked.isEmpty()) {
            commit(asked);
        }
    }

    /**
     * Writes events and commits the offsets read so far, atomically.
     *
     * @return false when the group moved on without this member (nothing was written)
     */
    private boolean commit(Collection<ControlEvent> events) {
        if (events.isEmpty() && nextOffset <= committedOffset) {
            return true;
        }
        producer.beginTransaction();
        for (ControlEvent event : events) {
            producer.send(new ProducerRecord<>(Topics.CONTROL.name(), config.lineage(), event));
        }
        try {
            // Blocks until the group coordinator took the offsets: a stale member fails here.
            if (nextOffset >= 0) {
                producer.sendOffsetsToTransaction(
                        Map.of(CONTROL, new OffsetAndMetadata(nextOffset)),
                        consumer.groupMetadata());
            }
            producer.commitTransaction();
        } catch (CommitFailedException e) {
            // The group expired this member, or rebalanced without it, while it was busy (a round
            // does not poll; a pause outlasted the session timeout). Nothing of the transaction
            // counts, and the next poll rejoins the group: letting this escape would end the
            // retrainer's process.
            producer.abortTransaction();
            LOG.warn(
                    "{} lost its place in group {} before committing; rejoining: {}",
                    config.instanceId(),
                    config.groupId(),
                    e.getMessage());
            return false;
        }
        committedOffset = nextOffset;
        return true;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("closing the round producer: {}", e.getMessage());
            }
            producer = null;
        }
    }

    /** Becomes the leader on assignment, stands by on revocation. */
    private final class Leadership implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.contains(CONTROL) && producer == null) {
                Map<String, Object> producerConfig = new HashMap<>(config.kafka().clientConfig());
                producerConfig.put(
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        transactionalId(config.groupId(), config.lineage()));
                producerConfig.put(
                        ProducerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-rounds");
                producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer);
                producer.initTransactions();
                pending.clear();
                nextOffset = -1;
                committedOffset = -1;
                leader = true;
                LOG.info(
                        "{} leads the rounds of lineage {}", config.instanceId(), config.lineage());
                listener.onLeadership(true);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.contains(CONTROL)) {
                leader = false;
                closeProducer();
                pending.clear();
                listener.onLeadership(false);
                LOG.info("{} stands by", config.instanceId());
            }
        }
    }

    /** Runs a round for a request. */
    @FunctionalInterface
    public interface RoundRunner {

        /**
         * Runs (or recognises as already published) a round.
         *
         * @param request the newest request it answers
         * @return the result, published when the gate passed it
         */
        RoundResult run(RoundRequest request);
    }
}
