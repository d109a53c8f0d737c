package io.rewardloop.feedback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.feedback.FeedbackValidator;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion through the real broker ({@code rlhf.responses} has 6 partitions, {@code
 * rlhf.feedback} 3): responses before and after the feedback naming them, feedback without its
 * prompt, and a response that never arrives, dead-lettered after a 2 s wait.
 */
class FeedbackCompletionIT {

    static final Map<String, String> SERDE = Map.of("schema.registry.url", "embedded");
    static final String PROMPT = "Name a prime number.";

    @RegisterExtension static final BrokerWithTopics kafka = new BrokerWithTopics();

    @TempDir Path stateDir;

    @Test
    void shouldCompleteFeedbackFromResponsesAndDeadLetterTheOneThatNeverArrives() {
        KafkaSettings settings = KafkaSettings.embedded(kafka.bootstrapServers());
        String app = "completion-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (FeedbackStreams streams =
                        FeedbackStreams.start(
                                settings,
                                StreamsSettings.forTests(app, stateDir),
                                new CompletionSettings(Duration.ofSeconds(2), Duration.ofDays(7)),
                                FeedbackValidator.defaults(),
                                SERDE,
                                FeedbackStreamListener.NONE);
                KafkaProducer<String, ResponseGenerated> responses = responseProducer(settings);
                KafkaProducer<byte[], byte[]> feedback = feedbackProducer(settings)) {
            await().atMost(Duration.ofSeconds(60)).until(streams::isRunning);

            sendResponse(responses, "r-1", "2");
            sendResponse(responses, "r-2", "4");
            responses.flush();
            sendFeedback(feedback, preference("fb-responses-first", "r-1", "r-2"));
            sendFeedback(feedback, preference("fb-responses-after", "r-3", "r-2"));
            sendFeedback(
                    feedback,
                    preference("fb-no-prompt", "r-1", "r-3")
                            .replace("\"prompt\":\"" + PROMPT + "\",", ""));
            sendFeedback(
                    feedback,
                    "{\"feedbackId\":\"fb-never\",\"prompt\":\""
                            + PROMPT
                            + "\",\"response\":{\"responseId\":\"r-404\"},"
                            + "\"ratings\":{\"helpfulness\":0.5},\"annotatorId\":\"ann-1\"}");
            feedback.flush();
            sendResponse(responses, "r-3", "3");
            responses.flush();

            Map<String, ConsumerRecord<String, PreferenceRecorded>> events =
                    readUntil(
                            settings,
                            Topics.PREFERENCES.name(),
                            Topics.PREFERENCES.valueSerde(SERDE).deserializer(),
                            3);
            assertThat(events)
                    .containsOnlyKeys("fb-responses-first", "fb-responses-after", "fb-no-prompt");
            PreferenceRecorded first = events.get("fb-responses-first").value();
            assertThat(first.getPrompt()).isEqualTo(PROMPT);
            assertThat(first.getPromptId()).isEqualTo("p-1");
            assertThat(first.getChosen().getText()).isEqualTo("2");
            assertThat(first.getRejected().getText()).isEqualTo("4");
            PreferenceRecorded after = events.get("fb-responses-after").value();
            assertThat(after.getChosen().getText()).isEqualTo("3");
            assertThat(after.getChosen().getResponseId()).isEqualTo("r-3");
            assertThat(after.getRejected().getText()).isEqualTo("4");
            PreferenceRecorded noPrompt = events.get("fb-no-prompt").value();
            assertThat(noPrompt.getPrompt()).isEqualTo(PROMPT);
            assertThat(noPrompt.getChosen().getText()).isEqualTo("2");
            assertThat(noPrompt.getRejected().getText()).isEqualTo("3");

            Map<String, ConsumerRecord<String, byte[]>> letters =
                    readUntil(settings, Topics.FEEDBACK_DLQ.name(), new ByteArrayDeserializer(), 1);
            assertThat(letters).containsOnlyKeys("fb-never");
            assertThat(DeadLetters.read(letters.get("fb-never").headers()).orElseThrow().reason())
                    .isEqualTo(
                            "incomplete: response r-404 did not arrive on rlhf.responses"
                                    + " within PT2S");
            assertThat(
                            readUntil(
                                    settings,
                                    Topics.RATINGS.name(),
                                    Topics.RATINGS.valueSerde(SERDE).deserializer(),
                                    0))
                    .isEmpty();
        }
    }

    private static String preference(String feedbackId, String chosenId, String rejectedId) {
        return "{\"feedbackId\":\""
                + feedbackId
                + "\",\"prompt\":\""
                + PROMPT
                + "\",\"chosen\":{\"responseId\":\""
                + chosenId
                + "\"},\"rejected\":{\"responseId\":\""
                + rejectedId
                + "\"},\"annotatorId\":\"ann-1\"}";
    }

    private static void sendResponse(
            KafkaProducer<String, ResponseGenerated> producer, String responseId, String text) {
        producer.send(
                new ProducerRecord<>(
                        Topics.RESPONSES.name(),
                        "p-1",
                        ResponseGenerated.newBuilder()
                                .setResponseId(responseId)
                                .setPromptId("p-1")
                                .setPrompt(PROMPT)
                                .setResponse(text)
                                .setPolicyVersion("policy-1")
                                .setRlhfRound(1)
                                .setCreatedAt(Instant.now())
                                .build()));
    }

    private static void sendFeedback(KafkaProducer<byte[], byte[]> producer, String json) {
        producer.send(
                new ProducerRecord<>(
                        Topics.FEEDBACK.name(), null, json.getBytes(StandardCharsets.UTF_8)));
    }

    private static KafkaProducer<String, ResponseGenerated> responseProducer(
            KafkaSettings settings) {
        Map<String, Object> props = settings.clientConfig();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(
                props, new StringSerializer(), Topics.RESPONSES.valueSerde(SERDE).serializer());
    }

    private static KafkaProducer<byte[], byte[]> feedbackProducer(KafkaSettings settings) {
        Map<String, Object> props = settings.clientConfig();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Reads a topic from the beginning, read_committed, until it has records under at least {@code
     * keys} keys and has reached the end offsets: key -> its last record.
     */
    private static <V> Map<String, ConsumerRecord<String, V>> readUntil(
            KafkaSettings settings, String topic, Deserializer<V> values, int keys) {
        Map<String, Object> props = settings.clientConfig();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, ConsumerRecord<String, V>> read = new HashMap<>();
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> parts =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(100))
                                        .forEach(r -> read.put(r.key(), r));
                                Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
                                return read.size() >= keys
                                        && parts.stream()
                                                .allMatch(p -> consumer.position(p) >= ends.get(p));
                            });
        }
        return read;
    }
}
