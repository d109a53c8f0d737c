package io.rewardloop.feedback.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetterInfo;
import io.rewardloop.schemas.serde.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackTopologyTest {

    static final Map<String, String> SERDE = TopologyUnderTest.SERDE;
    static final String APP = "feedback-test";

    static final String PREFERENCE =
            "{\"feedbackId\":\"fb-1\",\"prompt\":\"What is 2+2?\",\"chosen\":\"4\","
                    + "\"rejected\":\"5\",\"annotatorId\":\"ann-1\"}";
    static final String RATING =
            "{\"prompt\":\"Say hi\",\"response\":\"hi\",\"ratings\":{\"helpfulness\":4},"
                    + "\"scales\":{\"helpfulness\":[1,5]},\"annotatorId\":\"ann-2\"}";

    @TempDir Path stateDir;

    private TopologyUnderTest topology;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, PreferenceRecorded> preferences;
    private TestOutputTopic<String, RatingRecorded> ratings;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        topology = new TopologyUnderTest(APP, stateDir, Instant.now());
        driver = topology.driver;
        input = topology.feedback;
        preferences = topology.preferences;
        ratings = topology.ratings;
        dlq = topology.dlq;
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private int counted(String what) {
        return topology.counted(what);
    }

    private void send(String key, byte[] value) {
        input.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    private void send(String key, String json) {
        send(key, json.getBytes(StandardCharsets.UTF_8));
    }

    private List<DeadLetterInfo> deadLetters() {
        return dlq.readRecordsToList().stream()
                .map(r -> DeadLetters.read(r.headers()).orElseThrow())
                .toList();
    }

    @Test
    void shouldRecordValidPreferenceKeyedByFeedbackId() {
        send("any-key", PREFERENCE);

        List<TestRecord<String, PreferenceRecorded>> out = preferences.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("fb-1");
        PreferenceRecorded event = out.get(0).value();
        assertThat(event.getFeedbackId()).isEqualTo("fb-1");
        assertThat(event.getChosen().getText()).isEqualTo("4");
        assertThat(event.getRejected().getText()).isEqualTo("5");
        assertThat(event.getSource()).isEqualTo("kafka");
        assertThat(ratings.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(counted("recorded")).isEqualTo(1);
    }

    @Test
    void shouldRecordRatingWithDerivedIdAndSourceHeader() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(FeedbackHeaders.SOURCE, "http".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>(null, RATING.getBytes(StandardCharsets.UTF_8), headers));

        List<TestRecord<String, RatingRecorded>> out = ratings.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).startsWith("fb-").hasSize(35);
        assertThat(out.get(0).value().getFeedbackId()).isEqualTo(out.get(0).key());
        assertThat(out.get(0).value().getSource()).isEqualTo("http");
        assertThat(out.get(0).value().getRatings().get(0).getScaleMax()).isEqualTo(5.0);
        assertThat(preferences.isEmpty()).isTrue();
    }

    @Test
    void shouldDeDuplicateARecordKeyedByItsIdWithoutTheRepartition() {
        send("fb-1", PREFERENCE);
        send("fb-1", PREFERENCE);

        assertThat(preferences.readRecordsToList()).hasSize(1);
        assertThat(counted("duplicate")).isEqualTo(1);
        assertThat(driver.producedTopicNames())
                .noneMatch(topic -> topic.contains(FeedbackTopology.REPARTITION));

        send("other-key", PREFERENCE);
        assertThat(driver.producedTopicNames())
                .anyMatch(topic -> topic.contains(FeedbackTopology.REPARTITION));
        assertThat(counted("duplicate")).isEqualTo(2);
    }

    @Test
    void shouldTakeARecordInPlaceOnlyWithTheIdAsKeyOnItsPartition() {
        byte[] id = "fb-1".getBytes(StandardCharsets.UTF_8);
        int home = Utils.toPositive(Utils.murmur2(id)) % 3;
        FeedbackParseProcessor parse =
                new FeedbackParseProcessor(
                        FeedbackValidator.defaults(), FeedbackStreamListener.NONE, 3);

        assertThat(parse.inPlace(id, id, home)).isTrue();
        assertThat(parse.inPlace(id, id, (home + 1) % 3)).isFalse();
        assertThat(parse.inPlace("fb-2".getBytes(StandardCharsets.UTF_8), id, home)).isFalse();
        assertThat(parse.inPlace(null, id, home)).isFalse();
    }

    @Test
    void shouldDropDuplicateWithSameContentWhateverTheKey() {
        send("a", PREFERENCE);
        send("b", PREFERENCE);
        send(null, PREFERENCE);
        // The same content with keys reordered and spaces is the same canonical item.
        send(
                "c",
                "{ \"annotatorId\":\"ann-1\", \"rejected\":\"5\", \"chosen\":\"4\","
                        + " \"prompt\":\"What is 2+2?\", \"feedbackId\":\"fb-1\" }");

        assertThat(preferences.readRecordsToList()).hasSize(1);
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(counted("duplicate")).isEqualTo(3);
        KeyValueStore<String, String> store = driver.getKeyValueStore(FeedbackTopology.DEDUP_STORE);
        assertThat(store.get("fb-1")).hasSize(64);
    }

    @Test
    void shouldDeadLetterSameIdWithOtherContentAsConflict() {
        send("k", PREFERENCE);
        send("k2", PREFERENCE.replace("\"5\"", "\"22\""));

        assertThat(preferences.readRecordsToList()).hasSize(1);
        List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
        assertThat(letters).hasSize(1);
        DeadLetterInfo info = DeadLetters.read(letters.get(0).headers()).orElseThrow();
        assertThat(info.reason())
                .isEqualTo("conflict: feedback id fb-1 already recorded with other content");
        assertThat(info.sourceTopic()).isEqualTo(Topics.FEEDBACK.name());
        assertThat(info.sourceOffset()).isEqualTo(1L);
        // A conflict is found after the re-key: the letter holds the canonical item, keyed by id,
        // and names the original record in its source headers.
        assertThat(new String(letters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("fb-1");
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8))
                .contains("\"22\"")
                .contains("\"feedbackId\":\"fb-1\"");
        assertThat(letters.get(0).headers().lastHeader(FeedbackHeaders.ORIGIN_TOPIC)).isNull();
        assertThat(counted(FeedbackTopology.CONFLICT)).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterGarbageWithTheReasonAndOriginalBytes() {
        byte[] invalidUtf8 = {'{', '"', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        send("bad-utf8", invalidUtf8);
        send("not-json", "this is not json");
        send("null-value", (byte[]) null);
        send("array", "[1,2,3]");

        List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
        assertThat(letters).hasSize(4);
        assertThat(letters.get(0).value()).isEqualTo(invalidUtf8);
        List<String> reasons =
                letters.stream()
                        .map(r -> DeadLetters.read(r.headers()).orElseThrow().reason())
                        .toList();
        assertThat(reasons.get(0)).startsWith("malformed: ").containsIgnoringCase("UTF-8");
        assertThat(reasons.get(1)).startsWith("malformed: ");
        assertThat(reasons.get(2)).startsWith("malformed: ").contains("no value");
        assertThat(reasons.get(3)).startsWith("invalid: (item): must be a JSON object");
        assertThat(preferences.isEmpty()).isTrue();
        assertThat(ratings.isEmpty()).isTrue();
        assertThat(counted(FeedbackTopology.MALFORMED)).isEqualTo(3);
    }

    @Test
    void shouldDeadLetterWrongTypesAndMissingFieldsWithPointers() {
        send("k", "{\"prompt\":42,\"chosen\":\"a\",\"rejected\":\"b\",\"annotatorId\":\"x\"}");
        send("k", "{\"prompt\":\"p\",\"chosen\":\"same\",\"rejected\":\"same\"}");
        send(
                "k",
                "{\"prompt\":\"p\",\"response\":\"r\",\"ratings\":{\"h\":7},\"annotatorId\":\"x\"}");

        List<String> reasons = deadLetters().stream().map(DeadLetterInfo::reason).toList();
        assertThat(reasons).hasSize(3).allMatch(r -> r.startsWith("invalid: "));
        assertThat(reasons.get(0)).contains("/prompt");
        assertThat(reasons.get(1)).contains("/annotatorId").contains("/rejected");
        assertThat(reasons.get(2)).contains("/ratings/h");
        assertThat(preferences.isEmpty()).isTrue();
        assertThat(ratings.isEmpty()).isTrue();
        assertThat(counted(FeedbackTopology.INVALID)).isEqualTo(3);
    }

    @Test
    void shouldKeepGoodRecordsFlowingAroundBadOnes() {
        send("1", "garbage");
        send("2", PREFERENCE);
        send("3", "{}");
        send("4", RATING);

        assertThat(preferences.readRecordsToList()).hasSize(1);
        assertThat(ratings.readRecordsToList()).hasSize(1);
        assertThat(dlq.readRecordsToList()).hasSize(2);
    }

    @Test
    void shouldDeadLetterAnItemTooLargeForTheRepartitionTopic() {
        FeedbackValidator lenient = new FeedbackValidator(2_000_000, java.util.Set.of());
        try (TopologyTestDriver big =
                new TopologyTestDriver(
                        FeedbackTopology.build(
                                APP,
                                lenient,
                                SERDE,
                                FeedbackStreamListener.NONE,
                                CompletionSettings.DEFAULTS,
                                1),
                        StreamsSettings.forTests(APP, stateDir.resolve("big"))
                                .streamsProperties(
                                        io.rewardloop.service.KafkaSettings.embedded(
                                                "dummy:9092")))) {
            String text = "x".repeat(FeedbackTopology.MAX_ITEM_BYTES);
            big.createInputTopic(
                            Topics.FEEDBACK.name(),
                            new ByteArraySerializer(),
                            new ByteArraySerializer())
                    .pipeInput(
                            null,
                            PREFERENCE
                                    .replace("\"4\"", "\"" + text + "\"")
                                    .getBytes(StandardCharsets.UTF_8));
            List<TestRecord<byte[], byte[]>> letters =
                    big.createOutputTopic(
                                    Topics.FEEDBACK_DLQ.name(),
                                    new ByteArrayDeserializer(),
                                    new ByteArrayDeserializer())
                            .readRecordsToList();
            assertThat(letters).hasSize(1);
            assertThat(DeadLetters.read(letters.get(0).headers()).orElseThrow().reason())
                    .startsWith("invalid: (item): ")
                    .contains("over the limit of " + FeedbackTopology.MAX_ITEM_BYTES);
            assertThat(
                            big.createOutputTopic(
                                            Topics.PREFERENCES.name(),
                                            new ByteArrayDeserializer(),
                                            new ByteArrayDeserializer())
                                    .isEmpty())
                    .isTrue();
        }
    }

    private java.util.Properties defaultProperties() {
        return StreamsSettings.forTests(APP, stateDir)
                .streamsProperties(io.rewardloop.service.KafkaSettings.embedded("broker:9092"));
    }

    @Test
    void shouldCommitEveryHalfSecondInLargeBatchesUnlessTheClientPropertiesSayOtherwise() {
        assertThat(defaultProperties())
                .containsEntry("commit.interval.ms", 500L)
                .containsEntry("producer.batch.size", 128 * 1024);

        java.util.Properties overridden =
                StreamsSettings.forTests(APP, stateDir)
                        .streamsProperties(
                                io.rewardloop.service.KafkaSettings.from(
                                        io.rewardloop.common.ConfigSource.of(
                                                Map.of(),
                                                Map.of(
                                                        "kafka.client.commit.interval.ms",
                                                        "100",
                                                        "kafka.client.batch.size",
                                                        "16384")),
                                        "broker:9092"));
        assertThat(overridden)
                .containsEntry("commit.interval.ms", "100")
                .containsEntry("batch.size", "16384")
                .doesNotContainKey("producer.batch.size");
    }

    @Test
    void shouldSetExactlyOnceAndEveryExceptionHandlerExplicitly() {
        assertThat(defaultProperties())
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry(
                        "deserialization.exception.handler",
                        org.apache.kafka.streams.errors.LogAndFailExceptionHandler.class.getName())
                .containsEntry(
                        "processing.exception.handler",
                        org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler.class
                                .getName())
                .containsEntry(
                        "production.exception.handler",
                        org.apache.kafka.streams.errors.DefaultProductionExceptionHandler.class
                                .getName())
                .containsEntry("max.task.idle.ms", -1L);
    }

    @Test
    void shouldReadOneTopicPerSubTopologyExceptTheDedupAndCompletionsJoin() {
        var subTopologies =
                FeedbackTopology.build(
                                APP,
                                FeedbackValidator.defaults(),
                                SERDE,
                                FeedbackStreamListener.NONE,
                                CompletionSettings.DEFAULTS,
                                1)
                        .describe()
                        .subtopologies();

        for (var subTopology : subTopologies) {
            List<String> sources = new ArrayList<>();
            subTopology.nodes().stream()
                    .filter(n -> n instanceof TopologyDescription.Source)
                    .forEach(n -> sources.addAll(((TopologyDescription.Source) n).topicSet()));
            boolean twoInputs =
                    subTopology.nodes().stream()
                            .anyMatch(
                                    n ->
                                            n.name().equals("completion-lookup")
                                                    || n.name().equals("dedup"));
            assertThat(sources).as("sub-topology %d", subTopology.id()).hasSize(twoInputs ? 2 : 1);
        }
    }

    @Test
    void shouldAnswerTheIndexFromTheChangelogGlobalStore() {
        TestInputTopic<String, String> changelog =
                driver.createInputTopic(
                        FeedbackTopology.dedupChangelog(APP),
                        new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.apache.kafka.common.serialization.StringSerializer());
        changelog.pipeInput("fb-9", "abc");

        KeyValueStore<String, String> index = driver.getKeyValueStore(FeedbackTopology.INDEX_STORE);
        assertThat(index.get("fb-9")).isEqualTo("abc");
        assertThat(index.get("fb-10")).isNull();

        changelog.pipeInput("fb-9", (String) null);
        assertThat(index.get("fb-9")).isNull();
    }
}
