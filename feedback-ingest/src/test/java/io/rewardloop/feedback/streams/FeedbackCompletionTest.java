package io.rewardloop.feedback.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetterInfo;
import io.rewardloop.schemas.serde.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion of feedback that names responses by id, through the whole topology. */
class FeedbackCompletionTest {

    static final Map<String, String> SERDE = TopologyUnderTest.SERDE;
    static final String APP = "completion-test";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final String PROMPT = "What is 2+2?";

    static final String BOTH_BY_ID =
            "{\"feedbackId\":\"fb-1\",\"prompt\":\"What is 2+2?\",\"chosen\":{\"responseId\":\"r-1\"},"
                    + "\"rejected\":{\"responseId\":\"r-2\"},\"annotatorId\":\"ann-1\"}";
    static final String RATING_BY_ID =
            "{\"feedbackId\":\"fb-2\",\"prompt\":\"What is 2+2?\",\"response\":{\"responseId\":"
                    + "\"r-1\"},\"ratings\":{\"helpfulness\":4},\"scales\":{\"helpfulness\":[1,5]},"
                    + "\"annotatorId\":\"ann-2\"}";

    @TempDir Path stateDir;

    private TopologyUnderTest topology;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> feedback;
    private TestInputTopic<String, ResponseGenerated> responses;
    private TestOutputTopic<String, PreferenceRecorded> preferences;
    private TestOutputTopic<String, RatingRecorded> ratings;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        topology = new TopologyUnderTest(APP, stateDir, START);
        driver = topology.driver;
        feedback = topology.feedback;
        responses = topology.responses;
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

    private void sendFeedback(String json) {
        feedback.pipeInput(null, json.getBytes(StandardCharsets.UTF_8));
    }

    private void sendResponse(String responseId, String promptId, String prompt, String text) {
        responses.pipeInput(
                promptId,
                ResponseGenerated.newBuilder()
                        .setResponseId(responseId)
                        .setPromptId(promptId)
                        .setPrompt(prompt)
                        .setResponse(text)
                        .setPolicyVersion("policy-1")
                        .setRlhfRound(1)
                        .setCreatedAt(START)
                        .build());
    }

    private PreferenceRecorded onlyPreference() {
        List<TestRecord<String, PreferenceRecorded>> out = preferences.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo(out.get(0).value().getFeedbackId());
        return out.get(0).value();
    }

    private DeadLetterInfo onlyDeadLetter() {
        List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
        assertThat(letters).hasSize(1);
        return DeadLetters.read(letters.get(0).headers()).orElseThrow();
    }

    private static void assertWhole(PreferenceRecorded event) {
        assertThat(event.getPrompt()).isEqualTo(PROMPT);
        assertThat(event.getPromptId()).isEqualTo("p-1");
        assertThat(event.getChosen().getText()).isEqualTo("4");
        assertThat(event.getChosen().getResponseId()).isEqualTo("r-1");
        assertThat(event.getRejected().getText()).isEqualTo("5");
        assertThat(event.getRejected().getResponseId()).isEqualTo("r-2");
    }

    @Test
    void shouldCompletePreferenceFromResponsesThatCameFirst() {
        sendResponse("r-1", "p-1", PROMPT, "4");
        sendResponse("r-2", "p-1", PROMPT, "5");
        sendFeedback(BOTH_BY_ID);

        PreferenceRecorded event = onlyPreference();
        assertWhole(event);
        assertThat(event.getSource()).isEqualTo("kafka");
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(counted("recorded")).isEqualTo(1);
        assertThat(counted("completed")).isEqualTo(1);
    }

    @Test
    void shouldCompletePreferenceWhoseResponsesCameAfterItInEitherOrder() {
        sendFeedback(BOTH_BY_ID);
        sendFeedback(BOTH_BY_ID.replace("fb-1", "fb-9").replace("ann-1", "ann-9"));
        assertThat(preferences.isEmpty()).isTrue();

        sendResponse("r-2", "p-1", PROMPT, "5");
        assertThat(preferences.isEmpty()).isTrue();
        sendResponse("r-1", "p-1", PROMPT, "4");

        List<TestRecord<String, PreferenceRecorded>> out = preferences.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactlyInAnyOrder("fb-1", "fb-9");
        out.forEach(record -> assertWhole(record.value()));
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldCompletePreferenceWithOneResponseFromEachSide() {
        sendResponse("r-1", "p-1", PROMPT, "4");
        sendFeedback(BOTH_BY_ID);
        assertThat(preferences.isEmpty()).isTrue();
        sendResponse("r-2", "p-1", PROMPT, "5");

        assertWhole(onlyPreference());
    }

    @Test
    void shouldKeepTheTextTheFeedbackGaveAndLookUpOnlyTheOther() {
        sendResponse("r-2", "p-1", PROMPT, "5");
        sendFeedback(BOTH_BY_ID.replace("{\"responseId\":\"r-1\"}", "\"4\""));

        PreferenceRecorded event = onlyPreference();
        assertThat(event.getChosen().getText()).isEqualTo("4");
        assertThat(event.getChosen().getResponseId()).isNull();
        assertThat(event.getRejected().getText()).isEqualTo("5");
        assertThat(event.getPromptId()).isEqualTo("p-1");
    }

    @Test
    void shouldCompleteRatingAndFillItsPromptId() {
        sendFeedback(RATING_BY_ID);
        assertThat(ratings.isEmpty()).isTrue();
        sendResponse("r-1", "p-1", PROMPT, "4");

        List<TestRecord<String, RatingRecorded>> out = ratings.readRecordsToList();
        assertThat(out).hasSize(1);
        RatingRecorded event = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("fb-2");
        assertThat(event.getResponse().getText()).isEqualTo("4");
        assertThat(event.getResponse().getResponseId()).isEqualTo("r-1");
        assertThat(event.getPromptId()).isEqualTo("p-1");
        assertThat(event.getRatings().get(0).getValue()).isEqualTo(4.0);
        assertThat(preferences.isEmpty()).isTrue();
    }

    @Test
    void shouldTakeThePromptFromTheResponsesWhenTheFeedbackLeftItOut() {
        sendFeedback(BOTH_BY_ID.replace("\"prompt\":\"What is 2+2?\",", ""));
        sendResponse("r-1", "p-1", PROMPT, "4");
        sendResponse("r-2", "p-1", PROMPT, "5");

        assertWhole(onlyPreference());
    }

    @Test
    void shouldLookUpThePromptOfFeedbackThatGaveEveryTextButNoPrompt() {
        sendResponse("r-1", "p-1", PROMPT, "4");
        sendFeedback(
                RATING_BY_ID
                        .replace("\"prompt\":\"What is 2+2?\",", "")
                        .replace(
                                "{\"responseId\":\"r-1\"}",
                                "{\"text\":\"four\",\"responseId\":\"r-1\"}"));

        RatingRecorded event = ratings.readRecordsToList().get(0).value();
        assertThat(event.getPrompt()).isEqualTo(PROMPT);
        assertThat(event.getPromptId()).isEqualTo("p-1");
        assertThat(event.getResponse().getText()).isEqualTo("four");
    }

    @Test
    void shouldStillRequireThePromptWhenAResponseHasNoId() {
        sendFeedback(
                BOTH_BY_ID
                        .replace("\"prompt\":\"What is 2+2?\",", "")
                        .replace("{\"responseId\":\"r-2\"}", "\"5\""));

        assertThat(onlyDeadLetter().reason())
                .startsWith("invalid: ")
                .contains("/prompt: is missing");
        assertThat(counted("completed")).isZero();
    }

    @Test
    void shouldDeadLetterPreferenceWhoseResponsesAnswerDifferentPrompts() {
        sendFeedback(BOTH_BY_ID.replace("\"prompt\":\"What is 2+2?\",", ""));
        sendResponse("r-1", "p-1", PROMPT, "4");
        sendResponse("r-2", "p-1", "What is 3+3?", "6");

        assertThat(onlyDeadLetter().reason())
                .isEqualTo("conflict: prompt of response r-2 differs from the feedback's prompt");
    }

    @Test
    void shouldDeadLetterFeedbackWhoseResponseNeverArrivesAfterTheWait() {
        sendResponse("r-1", "p-1", PROMPT, "4");
        sendFeedback(BOTH_BY_ID);
        driver.advanceWallClockTime(Duration.ofMinutes(9));
        assertThat(dlq.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofMinutes(1).plusSeconds(10));
        List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
        assertThat(letters).hasSize(1);
        DeadLetterInfo info = DeadLetters.read(letters.get(0).headers()).orElseThrow();
        assertThat(info.reason())
                .isEqualTo(
                        "incomplete: response r-2 did not arrive on rlhf.responses within PT10M");
        assertThat(info.sourceTopic()).isEqualTo(Topics.FEEDBACK.name());
        assertThat(info.sourceOffset()).isEqualTo(0L);
        assertThat(new String(letters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("fb-1");
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8))
                .contains("\"feedbackId\":\"fb-1\"")
                .contains("\"responseId\":\"r-2\"");
        assertThat(counted(FeedbackTopology.INCOMPLETE)).isEqualTo(1);

        // Too late: no event, no second letter.
        sendResponse("r-2", "p-1", PROMPT, "5");
        assertThat(preferences.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterRatingWhoseResponseNeverArrives() {
        sendFeedback(RATING_BY_ID);
        driver.advanceWallClockTime(Duration.ofMinutes(11));

        assertThat(onlyDeadLetter().reason())
                .isEqualTo(
                        "incomplete: response r-1 did not arrive on rlhf.responses within PT10M");
        assertThat(ratings.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterResponseToAnotherPromptAsConflict() {
        sendResponse("r-1", "p-1", PROMPT, "4");
        sendResponse("r-2", "p-7", "What is 3+3?", "6");
        sendFeedback(BOTH_BY_ID);

        assertThat(onlyDeadLetter().reason())
                .isEqualTo("conflict: prompt of response r-2 differs from the feedback's prompt");
        assertThat(preferences.isEmpty()).isTrue();
        assertThat(counted(FeedbackTopology.CONFLICT)).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterResponseWithAnotherPromptIdAsConflict() {
        sendResponse("r-1", "p-9", PROMPT, "4");
        sendFeedback(RATING_BY_ID.replace("\"prompt\":", "\"promptId\":\"p-1\",\"prompt\":"));

        assertThat(onlyDeadLetter().reason())
                .isEqualTo("conflict: prompt id of response r-1 is p-9, not p-1");
        assertThat(ratings.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterFeedbackWhoseResponseIsTooLargeToFillIn() {
        sendResponse("r-1", "p-1", PROMPT, "x".repeat(FeedbackTopology.MAX_ITEM_BYTES));
        sendFeedback(RATING_BY_ID);

        assertThat(onlyDeadLetter().reason())
                .startsWith("invalid: response r-1 is too large to fill in (")
                .endsWith(" bytes with the item, over the limit of 1000000)");
        assertThat(ratings.isEmpty()).isTrue();
    }

    @Test
    void shouldRecordARetriedPendingFeedbackOnce() {
        sendFeedback(BOTH_BY_ID);
        sendFeedback(BOTH_BY_ID);
        sendResponse("r-1", "p-1", PROMPT, "4");
        sendResponse("r-2", "p-1", PROMPT, "5");
        sendFeedback(BOTH_BY_ID);

        assertWhole(onlyPreference());
        assertThat(counted("duplicate")).isEqualTo(2);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldSendWholeFeedbackStraightOn() {
        sendFeedback(
                "{\"feedbackId\":\"fb-3\",\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\","
                        + "\"annotatorId\":\"ann-1\"}");

        assertThat(onlyPreference().getChosen().getText()).isEqualTo("a");
        assertThat(counted("completed")).isZero();
    }
}
