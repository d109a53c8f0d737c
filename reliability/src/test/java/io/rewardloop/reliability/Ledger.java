package io.rewardloop.reliability;

import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelCatalog;
import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.RetrainRequested;
import io.rewardloop.events.RewardScored;
import io.rewardloop.events.RoundFinished;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything the loop wrote, counted as it arrives: rewards by response id, preferences and ratings
 * by feedback id, and on {@code rlhf.control} the round requests and the rounds that answered them.
 */
final class Ledger implements AutoCloseable {

    private static final String REQUEST = "request:";
    private static final String FINISHED = "finished:";

    private final KafkaSettings kafka;
    final TopicWatch rewards;
    final TopicWatch preferences;

    /** Read uncommitted: with what aborted transactions wrote too. */
    private final TopicWatch uncommittedRewards;

    private final TopicWatch uncommittedPreferences;

    final TopicWatch ratings;
    final TopicWatch control;

    Ledger(KafkaSettings kafka) {
        this.kafka = kafka;
        RecordDecoder<RewardScored> rewardDecoder =
                RecordDecoder.forValues(Topics.REWARDS, kafka.serdeConfig());
        RecordDecoder<ControlEvent> controlDecoder =
                RecordDecoder.forValues(Topics.CONTROL, kafka.serdeConfig());
        Function<ConsumerRecord<byte[], byte[]>, String> responseId =
                r -> rewardDecoder.decode(r).getResponseId().toString();
        rewards = new TopicWatch(kafka, Topics.REWARDS.name(), true, responseId);
        uncommittedRewards = new TopicWatch(kafka, Topics.REWARDS.name(), false, responseId);
        preferences = new TopicWatch(kafka, Topics.PREFERENCES.name(), true, Ledger::key);
        uncommittedPreferences =
                new TopicWatch(kafka, Topics.PREFERENCES.name(), false, Ledger::key);
        ratings = new TopicWatch(kafka, Topics.RATINGS.name(), true, Ledger::key);
        control =
                new TopicWatch(
                        kafka,
                        Topics.CONTROL.name(),
                        true,
                        r -> {
                            ControlEvent event = controlDecoder.decode(r);
                            if (event.getPayload() instanceof RetrainRequested) {
                                return REQUEST + event.getEventId();
                            }
                            if (event.getPayload() instanceof RoundFinished finished) {
                                return FINISHED + finished.getRequestId();
                            }
                            return null;
                        });
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    /**
     * Rewards that transactions wrote and then aborted (a kill mid-transaction, or a broker gone
     * before the commit), each written again by a later transaction.
     */
    long abortedRewards() {
        return uncommittedRewards.total() - rewards.total();
    }

    /** Preferences written by aborted transactions, as {@link #abortedRewards()}. */
    long abortedPreferences() {
        return uncommittedPreferences.total() - preferences.total();
    }

    /** Feedback recorded on either topic, by id. */
    Map<String, Long> feedbackCounts() {
        Map<String, Long> counts = new HashMap<>(preferences.counts());
        ratings.counts().forEach((id, n) -> counts.merge(id, n, Long::sum));
        return counts;
    }

    /** The ids of every round request on {@code rlhf.control}. */
    List<String> roundRequests() {
        return ids(REQUEST);
    }

    /** How many {@code RoundFinished} answered each request id. */
    Map<String, Long> roundsFinished() {
        return control.counts().entrySet().stream()
                .filter(e -> e.getKey().startsWith(FINISHED))
                .collect(
                        Collectors.toMap(
                                e -> e.getKey().substring(FINISHED.length()), Map.Entry::getValue));
    }

    private List<String> ids(String prefix) {
        return control.counts().keySet().stream()
                .filter(id -> id.startsWith(prefix))
                .map(id -> id.substring(prefix.length()))
                .toList();
    }

    /** The versions published on the lineage, in log order, each as often as it was published. */
    List<String> versions() {
        return ModelCatalog.read(kafka, ChannelConfig.defaults())
                .lineage(ReliabilityFixture.LINEAGE)
                .stream()
                .map(ModelCatalog.Entry::version)
                .toList();
    }

    /** How many times each version was published. */
    Map<String, Long> versionCounts() {
        return versions().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /**
     * Waits until a consumer group has committed (stably: no transaction of it open) the end offset
     * of every partition of its input topic: nothing produced so far is left to process.
     */
    void awaitCaughtUp(String group, String topic, Duration timeout) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(
                            p ->
                                    latest.put(
                                            new TopicPartition(topic, p.partition()),
                                            OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            ListConsumerGroupOffsetsOptions stable =
                    new ListConsumerGroupOffsetsOptions().requireStable(true);
            await(group + " caught up on " + topic)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(
                            () ->
                                    caughtUp(
                                            end,
                                            admin.listConsumerGroupOffsets(group, stable)
                                                    .partitionsToOffsetAndMetadata()
                                                    .get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean caughtUp(
            Map<TopicPartition, Long> end, Map<TopicPartition, OffsetAndMetadata> committed) {
        return end.entrySet().stream()
                .allMatch(
                        e -> {
                            OffsetAndMetadata offset = committed.get(e.getKey());
                            return e.getValue() == 0
                                    || (offset != null && offset.offset() >= e.getValue());
                        });
    }

    @Override
    public void close() throws InterruptedException {
        for (TopicWatch watch :
                List.of(
                        rewards,
                        uncommittedRewards,
                        preferences,
                        uncommittedPreferences,
                        ratings,
                        control)) {
            watch.close();
        }
    }
}
