package io.rewardloop.launcher;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.RetrainRequested;
import io.rewardloop.events.RewardScored;
import io.rewardloop.events.RoundFinished;
import io.rewardloop.schemas.Topic;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the demo watches on the real topics, from where they end when it starts: every reward on
 * {@code rlhf.rewards} (read_committed, by response id) and every event on {@code rlhf.control}
 * (drift alarms, round requests, finished rounds), each followed on a thread of its own.
 */
final class DemoEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoEvents.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, RewardScored> rewards = new ConcurrentHashMap<>();
    private final List<DriftDetected> alarms = new CopyOnWriteArrayList<>();
    private final Set<String> requests = ConcurrentHashMap.newKeySet();
    // By the request each answers: a round the retrainer reports twice is shown once.
    private final Map<String, RoundFinished> rounds = new ConcurrentHashMap<>();
    private final List<RoundFinished> roundsInOrder = new CopyOnWriteArrayList<>();
    private final List<Follower<?>> followers = new ArrayList<>();

    /**
     * Starts following both topics; returns once both positions are at their current ends.
     *
     * @param kafka how to connect
     */
    DemoEvents(KafkaSettings kafka) {
        followers.add(
                new Follower<>(
                        kafka,
                        Topics.REWARDS,
                        scored -> rewards.put(scored.getResponseId(), scored)));
        followers.add(new Follower<>(kafka, Topics.CONTROL, this::onControl));
    }

    private void onControl(ControlEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof DriftDetected alarm) {
            alarms.add(alarm);
        } else if (payload instanceof RetrainRequested) {
            requests.add(event.getEventId());
        } else if (payload instanceof RoundFinished round
                && rounds.putIfAbsent(round.getRequestId(), round) == null) {
            roundsInOrder.add(round);
        }
    }

    /**
     * The reward of a response, once the scorer has written it.
     *
     * @param responseId the response
     * @return its reward, or empty while none arrived
     */
    Optional<RewardScored> reward(String responseId) {
        return Optional.ofNullable(rewards.get(responseId));
    }

    /**
     * The drift alarms seen so far, oldest first.
     *
     * @return a snapshot
     */
    List<DriftDetected> alarms() {
        return List.copyOf(alarms);
    }

    /**
     * Whether every round request seen so far has been answered by a finished round.
     *
     * @return true when no request is pending
     */
    boolean allRequestsAnswered() {
        return rounds.keySet().containsAll(requests);
    }

    /**
     * How many round requests were seen so far.
     *
     * @return the count
     */
    int requestCount() {
        return requests.size();
    }

    /**
     * The finished rounds seen so far, each once, oldest first.
     *
     * @return a snapshot
     */
    List<RoundFinished> rounds() {
        return List.copyOf(roundsInOrder);
    }

    @Override
    public void close() {
        followers.forEach(Follower::close);
    }

    /** Reads one topic from its end on a daemon thread until closed. */
    private static final class Follower<V> implements AutoCloseable {

        private final KafkaConsumer<String, V> consumer;
        private final Thread thread;

        Follower(KafkaSettings kafka, Topic<String, V> topic, Consumer<V> sink) {
            consumer =
                    new KafkaConsumer<>(
                            kafka.committedReaderConfig("rlhf-demo-" + topic.name()),
                            topic.keySerde().deserializer(),
                            topic.valueSerde(kafka.serdeConfig()).deserializer());
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic.name()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // Positions are resolved lazily; fix them now, before the demo produces anything.
            partitions.forEach(consumer::position);
            thread = new Thread(() -> follow(sink), "rlhf-demo-" + topic.name());
            thread.setDaemon(true);
            thread.start();
        }

        private void follow(Consumer<V> sink) {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
                        if (record.value() != null) {
                            sink.accept(record.value());
                        }
                    }
                }
            } catch (WakeupException closing) {
                // close() asked the poll to end.
            } catch (RuntimeException e) {
                LOG.warn("the demo stopped following a topic", e);
            } finally {
                consumer.close();
            }
        }

        @Override
        public void close() {
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
