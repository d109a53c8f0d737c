package io.rewardloop.feedback.streams;

import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.feedback.Kind;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole feedback topology in a {@link TopologyTestDriver}, with its input and output topics and
 * a listener that counts what it was told ({@code recorded}, {@code completed}, {@code duplicate}
 * and each dead-letter category). Records are stamped from {@code start}, 1 ms apart.
 */
final class TopologyUnderTest implements AutoCloseable {

    static final Map<String, String> SERDE = Map.of("schema.registry.url", "embedded");

    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> feedback;
    final TestInputTopic<String, ResponseGenerated> responses;
    final TestOutputTopic<String, PreferenceRecorded> preferences;
    final TestOutputTopic<String, RatingRecorded> ratings;
    final TestOutputTopic<byte[], byte[]> dlq;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    TopologyUnderTest(String app, Path stateDir, Instant start) {
        driver =
                new TopologyTestDriver(
                        FeedbackTopology.build(
                                app,
                                FeedbackValidator.defaults(),
                                SERDE,
                                new Counting(),
                                CompletionSettings.DEFAULTS,
                                1),
                        StreamsSettings.forTests(app, stateDir)
                                .streamsProperties(KafkaSettings.embedded("dummy:9092")),
                        start);
        Duration step = Duration.ofMillis(1);
        feedback =
                driver.createInputTopic(
                        Topics.FEEDBACK.name(),
                        new ByteArraySerializer(),
                        new ByteArraySerializer(),
                        start,
                        step);
        responses =
                driver.createInputTopic(
                        Topics.RESPONSES.name(),
                        new StringSerializer(),
                        Topics.RESPONSES.valueSerde(SERDE).serializer(),
                        start,
                        step);
        preferences =
                driver.createOutputTopic(
                        Topics.PREFERENCES.name(),
                        new StringDeserializer(),
                        Topics.PREFERENCES.valueSerde(SERDE).deserializer());
        ratings =
                driver.createOutputTopic(
                        Topics.RATINGS.name(),
                        new StringDeserializer(),
                        Topics.RATINGS.valueSerde(SERDE).deserializer());
        dlq =
                driver.createOutputTopic(
                        Topics.FEEDBACK_DLQ.name(),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
    }

    /** How often the listener was told {@code what}. */
    int counted(String what) {
        return counts.getOrDefault(what, new AtomicInteger()).get();
    }

    @Override
    public void close() {
        driver.close();
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private final class Counting implements FeedbackStreamListener {
        @Override
        public void recorded(Kind kind) {
            count("recorded");
        }

        @Override
        public void completed(Kind kind) {
            count("completed");
        }

        @Override
        public void duplicate(Kind kind) {
            count("duplicate");
        }

        @Override
        public void deadLettered(String category) {
            count(category);
        }
    }
}
