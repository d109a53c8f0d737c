package io.rewardloop.feedback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.feedback.Validated;
import io.rewardloop.feedback.streams.CompletionSettings;
import io.rewardloop.feedback.streams.FeedbackStreamListener;
import io.rewardloop.feedback.streams.FeedbackStreams;
import io.rewardloop.feedback.streams.StreamsSettings;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka path through the real broker: two Streams instances of one application, retries and
 * re-sends with other keys, garbage, a conflict, and a restart on an empty state directory.
 */
class FeedbackStreamsIT {

    static final Map<String, String> SERDE = Map.of("schema.registry.url", "embedded");
    static final int ITEMS = 40;

    @RegisterExtension static final BrokerWithTopics kafka = new BrokerWithTopics();

    @TempDir Path stateDir;

    @Test
    void shouldRecordEachItemExactlyOnceAcrossInstancesRetriesAndRestart() throws Exception {
        KafkaSettings settings = KafkaSettings.embedded(kafka.bootstrapServers());
        String app = "feedback-it-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            items.add(
                    i % 2 == 0
                            ? "{\"feedbackId\":\"p-"
                                    + i
                                    + "\",\"prompt\":\"prompt "
                                    + i
                                    + "\",\"chosen\":\"good\",\"rejected\":\"bad\","
                                    + "\"annotatorId\":\"a\"}"
                            : "{\"prompt\":\"prompt "
                                    + i
                                    + "\",\"response\":\"r\","
                                    + "\"ratings\":{\"helpfulness\":"
                                    + (i % 5 + 1)
                                    + "},"
                                    + "\"scales\":{\"helpfulness\":[1,5]},\"annotatorId\":\"b\"}");
        }
        Set<String> expectedIds =
                items.stream().map(FeedbackStreamsIT::idOf).collect(Collectors.toSet());

        try (FeedbackStreams one = start(settings, app, "one");
                FeedbackStreams two = start(settings, app, "two");
                KafkaProducer<byte[], byte[]> producer = producer(settings)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> one.isRunning() && two.isRunning());
            // Every item twice under different keys (a retry; a producer keying as it likes),
            // plus garbage; then one conflicting re-use of an id.
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < items.size(); i++) {
                    send(producer, "k" + round + "-" + i, items.get(i));
                }
            }
            send(producer, "bad", "not json at all");
            send(producer, "bad", "{\"prompt\":\"p\",\"chosen\":\"a\"}");
            producer.flush();
            awaitConsumed(settings, app);
            // Only after the first copies are recorded: across input partitions there is no order,
            // and the first content seen for an id wins.
            send(producer, "x", items.get(0).replace("\"bad\"", "\"worse\""));
            producer.flush();
            awaitConsumed(settings, app);
            Map<String, Integer> events = readKeys(settings, Topics.PREFERENCES.name());
            readKeys(settings, Topics.RATINGS.name())
                    .forEach((k, n) -> events.merge(k, n, Integer::sum));
            assertThat(events.keySet()).isEqualTo(expectedIds);
            assertThat(events.values()).allMatch(n -> n == 1);
            List<String> reasons = readDeadLetterReasons(settings);
            assertThat(reasons).hasSize(3);
            assertThat(reasons).anyMatch(r -> r.startsWith("malformed: "));
            assertThat(reasons).anyMatch(r -> r.startsWith("invalid: ") && r.contains("/rejected"));
            assertThat(reasons)
                    .contains("conflict: feedback id p-0 already recorded with other content");

            // Both instances answer for every id, whichever recorded it (global store).
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    expectedIds.stream()
                                            .allMatch(
                                                    id ->
                                                            one.index().contentHash(id).isPresent()
                                                                    && two.index()
                                                                            .contentHash(id)
                                                                            .isPresent()));
        }

        // A restart with no local state: the dedup store comes back from its changelog.
        try (FeedbackStreams again = start(settings, app, "three");
                KafkaProducer<byte[], byte[]> producer = producer(settings)) {
            for (int i = 0; i < items.size(); i++) {
                send(producer, "after-restart-" + i, items.get(i));
            }
            producer.flush();
            awaitConsumed(settings, app);
            Map<String, Integer> events = readKeys(settings, Topics.PREFERENCES.name());
            readKeys(settings, Topics.RATINGS.name())
                    .forEach((k, n) -> events.merge(k, n, Integer::sum));
            assertThat(events.keySet()).isEqualTo(expectedIds);
            assertThat(events.values()).allMatch(n -> n == 1);
            assertThat(readDeadLetterReasons(settings)).hasSize(3);
        }
    }

    private FeedbackStreams start(KafkaSettings settings, String app, String dir) {
        return FeedbackStreams.start(
                settings,
                StreamsSettings.forTests(app, stateDir.resolve(dir)),
                CompletionSettings.DEFAULTS,
                FeedbackValidator.defaults(),
                SERDE,
                FeedbackStreamListener.NONE);
    }

    private static String idOf(String json) {
        Validated result =
                FeedbackValidator.defaults()
                        .validate(
                                FeedbackJson.parse(json.getBytes(StandardCharsets.UTF_8)),
                                null,
                                "t");
        return ((Validated.Valid) result).feedback().feedbackId();
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaSettings settings) {
        Map<String, Object> props = settings.clientConfig();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String key, String value) {
        producer.send(
                new ProducerRecord<>(
                        Topics.FEEDBACK.name(),
                        key.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Waits until the application committed every input record: its group's offsets on
     * rlhf.feedback and on its repartition topic reach their end offsets.
     */
    private static void awaitConsumed(KafkaSettings settings, String app) {
        try (Admin admin = Admin.create(settings.clientConfig())) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    caughtUp(admin, app, Topics.FEEDBACK.name())
                                            && caughtUp(
                                                    admin,
                                                    app,
                                                    app + "-by-feedback-id-repartition"));
        }
    }

    private static boolean caughtUp(Admin admin, String app, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(app).partitionsToOffsetAndMetadata().get();
        var ends = TopicReads.offsets(admin, topic, IsolationLevel.READ_UNCOMMITTED);
        for (var end : ends.entrySet()) {
            long endOffset = end.getValue();
            if (endOffset == 0) {
                continue;
            }
            OffsetAndMetadata done = committed.get(end.getKey());
            // Under exactly-once the last offset may be a transaction marker: committed >= end - 1
            // is not enough, so compare with the end itself (markers are consumed too).
            if (done == null || done.offset() < endOffset) {
                return false;
            }
        }
        return true;
    }

    /** Reads a topic to its end offsets, read_committed: key -> how many records. */
    private static Map<String, Integer> readKeys(KafkaSettings settings, String topic) {
        Map<String, Integer> counts = new HashMap<>();
        TopicReads.records(settings.bootstrapServers(), topic, true)
                .forEach(
                        r ->
                                counts.merge(
                                        new String(r.key(), StandardCharsets.UTF_8),
                                        1,
                                        Integer::sum));
        return counts;
    }

    private static List<String> readDeadLetterReasons(KafkaSettings settings) {
        return TopicReads.records(settings.bootstrapServers(), Topics.FEEDBACK_DLQ.name(), true)
                .stream()
                .map(r -> DeadLetters.read(r.headers()).orElseThrow().reason())
                .toList();
    }
}
