package io.rewardloop.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewardloop.events.ObjectiveRating;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.PreferenceStrength;
import io.rewardloop.events.RatingRecorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FeedbackValidatorTest {

    private static final String PREFERENCE =
            "{\"prompt\":\"What is 2+2?\",\"chosen\":\"4\",\"rejected\":\"5\",\"annotatorId\":\"ann-1\"}";
    private static final String RATING =
            "{\"prompt\":\"Hi\",\"response\":\"Hello!\",\"ratings\":{\"helpfulness\":4},"
                    + "\"scales\":{\"helpfulness\":[1,5]},\"annotatorId\":\"ann-1\"}";
    private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");

    private final FeedbackValidator validator =
            new FeedbackValidator(50, Set.of("helpfulness", "harmlessness"));

    @Test
    void shouldTurnAValidPreferenceIntoItsEventWithADerivedId() {
        ValidFeedback feedback = valid(PREFERENCE, null);

        assertThat(feedback.kind()).isEqualTo(Kind.PREFERENCE);
        assertThat(feedback.feedbackId()).matches("fb-[0-9a-f]{32}");
        assertThat(feedback.contentHash()).matches("[0-9a-f]{64}");
        PreferenceRecorded event = (PreferenceRecorded) feedback.event();
        assertThat(event.getPrompt()).isEqualTo("What is 2+2?");
        assertThat(event.getChosen().getText()).isEqualTo("4");
        assertThat(event.getRejected().getText()).isEqualTo("5");
        assertThat(event.getTie()).isFalse();
        assertThat(event.getStrength()).isNull();
        assertThat(event.getSource()).isEqualTo("test");
        assertThat(event.getCreatedAt()).isEqualTo(NOW);
        assertThat(event.getFeedbackId()).isEqualTo(feedback.feedbackId());
    }

    @Test
    void shouldGiveTheSameIdAndHashToTheSameJudgementWrittenDifferently() {
        ValidFeedback a = valid(PREFERENCE, null);
        ValidFeedback b =
                valid(
                        "{\"annotatorId\":\"ann-1\",\"tie\":false,\"kind\":\"preference\","
                                + "\"rejected\":{\"text\":\"5\"},\"chosen\":{\"text\":\"4\","
                                + "\"responseId\":null},\"prompt\":\"What is 2+2?\"}",
                        Kind.PREFERENCE);

        assertThat(b.feedbackId()).isEqualTo(a.feedbackId());
        assertThat(b.contentHash()).isEqualTo(a.contentHash());
        assertThat(b.canonicalJson()).isEqualTo(a.canonicalJson());
    }

    @Test
    void shouldDeriveDifferentIdsForOtherAnnotatorsOrOtherContent() {
        ValidFeedback a = valid(PREFERENCE, null);
        ValidFeedback otherAnnotator = valid(PREFERENCE.replace("ann-1", "ann-2"), null);
        ValidFeedback otherContent = valid(PREFERENCE.replace("\"5\"", "\"6\""), null);

        assertThat(otherAnnotator.feedbackId()).isNotEqualTo(a.feedbackId());
        assertThat(otherContent.feedbackId()).isNotEqualTo(a.feedbackId());
        assertThat(otherContent.contentHash()).isNotEqualTo(a.contentHash());
    }

    @Test
    void shouldKeepTheClientsIdOutOfTheContentHash() {
        ValidFeedback derived = valid(PREFERENCE, null);
        ValidFeedback given = valid(PREFERENCE.replace("{", "{\"feedbackId\":\"client-7\","), null);

        assertThat(given.feedbackId()).isEqualTo("client-7");
        assertThat(given.contentHash()).isEqualTo(derived.contentHash());
    }

    @Test
    void shouldValidateItsOwnCanonicalJsonToTheSameIdAndHash() {
        for (String item : List.of(PREFERENCE, RATING)) {
            ValidFeedback first = valid(item, null);
            ValidFeedback again = valid(first.canonicalJson(), null);

            assertThat(again.feedbackId()).isEqualTo(first.feedbackId());
            assertThat(again.contentHash()).isEqualTo(first.contentHash());
            assertThat(again.canonicalJson()).isEqualTo(first.canonicalJson());
            assertThat(FeedbackJson.parse(first.canonicalBytes()).get("kind").textValue())
                    .isEqualTo(first.kind().wireName());
        }
    }

    @Test
    void shouldTurnAValidRatingIntoItsEventWithItsScales() {
        ValidFeedback feedback =
                valid(
                        RATING.replace(
                                "\"helpfulness\":4}", "\"helpfulness\":4,\"harmlessness\":0.9}"),
                        Kind.RATING);

        RatingRecorded event = (RatingRecorded) feedback.event();
        assertThat(event.getRatings())
                .extracting(
                        ObjectiveRating::getObjective,
                        ObjectiveRating::getValue,
                        ObjectiveRating::getScaleMin,
                        ObjectiveRating::getScaleMax)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("harmlessness", 0.9, 0.0, 1.0),
                        org.assertj.core.groups.Tuple.tuple("helpfulness", 4.0, 1.0, 5.0));
        assertThat(event.getResponse().getText()).isEqualTo("Hello!");
    }

    @Test
    void shouldTreatAnIntegerAndTheSameDoubleRatingAsTheSameContent() {
        assertThat(valid(RATING.replace(":4}", ":4.0}"), null).contentHash())
                .isEqualTo(valid(RATING, null).contentHash());
    }

    @Test
    void shouldAcceptResponsesNamedOnlyByTheirIds() {
        ValidFeedback feedback =
                valid(
                        "{\"prompt\":\"p\",\"chosen\":{\"responseId\":\"r1\"},"
                                + "\"rejected\":{\"responseId\":\"r2\"},\"annotatorId\":\"a\"}",
                        null);

        PreferenceRecorded event = (PreferenceRecorded) feedback.event();
        assertThat(event.getChosen().getText()).isEmpty();
        assertThat(event.getChosen().getResponseId()).isEqualTo("r1");
    }

    @Test
    void shouldAcceptStrengthCaseInsensitivelyAndATieWithoutStrength() {
        PreferenceRecorded strong =
                (PreferenceRecorded)
                        valid(PREFERENCE.replace("{", "{\"strength\":\"better\","), null).event();
        PreferenceRecorded tie =
                (PreferenceRecorded) valid(PREFERENCE.replace("{", "{\"tie\":true,"), null).event();

        assertThat(strong.getStrength()).isEqualTo(PreferenceStrength.BETTER);
        assertThat(tie.getTie()).isTrue();
    }

    static Stream<Arguments> invalidItems() {
        String p = PREFERENCE;
        String r = RATING;
        return Stream.of(
                Arguments.of("not an object", "[1,2]", "", "must be a JSON object"),
                Arguments.of(
                        "kind unknown", p.replace("{", "{\"kind\":\"vote\","), "/kind", "must be"),
                Arguments.of(
                        "kind not inferable",
                        "{\"prompt\":\"p\",\"annotatorId\":\"a\"}",
                        "",
                        "cannot tell"),
                Arguments.of(
                        "missing prompt",
                        p.replace("\"prompt\":\"What is 2+2?\",", ""),
                        "/prompt",
                        "missing"),
                Arguments.of("blank prompt", p.replace("What is 2+2?", "  "), "/prompt", "blank"),
                Arguments.of(
                        "prompt not a string",
                        p.replace("\"What is 2+2?\"", "42"),
                        "/prompt",
                        "a number"),
                Arguments.of(
                        "prompt too long",
                        p.replace("What is 2+2?", "x".repeat(51)),
                        "/prompt",
                        "over the limit of 50"),
                Arguments.of(
                        "missing chosen", p.replace("\"chosen\":\"4\",", ""), "/chosen", "missing"),
                Arguments.of(
                        "chosen is a number",
                        p.replace("\"4\"", "4"),
                        "/chosen",
                        "must be a string"),
                Arguments.of(
                        "chosen empty object",
                        p.replace("\"4\"", "{}"),
                        "/chosen",
                        "needs a non-empty text"),
                Arguments.of(
                        "chosen unknown field",
                        p.replace("\"4\"", "{\"text\":\"4\",\"txt\":1}"),
                        "/chosen/txt",
                        "not a response field"),
                Arguments.of(
                        "chosen responseId wrong type",
                        p.replace("\"4\"", "{\"responseId\":7}"),
                        "/chosen/responseId",
                        "must be a string"),
                Arguments.of(
                        "chosen identical to rejected",
                        p.replace("\"5\"", "\"4\""),
                        "/rejected",
                        "identical"),
                Arguments.of(
                        "same response ids",
                        p.replace("\"4\"", "{\"responseId\":\"r\"}")
                                .replace("\"5\"", "{\"responseId\":\"r\"}"),
                        "/rejected",
                        "identical"),
                Arguments.of(
                        "strength unknown",
                        p.replace("{", "{\"strength\":\"HUGELY\","),
                        "/strength",
                        "must be one of"),
                Arguments.of(
                        "tie not boolean",
                        p.replace("{", "{\"tie\":\"yes\","),
                        "/tie",
                        "true or false"),
                Arguments.of(
                        "tie with strength",
                        p.replace("{", "{\"tie\":true,\"strength\":\"BETTER\","),
                        "/strength",
                        "absent when tie"),
                Arguments.of(
                        "unknown objective",
                        p.replace("{", "{\"objective\":\"humour\","),
                        "/objective",
                        "unknown objective 'humour'"),
                Arguments.of(
                        "unknown field",
                        p.replace("{", "{\"colour\":\"red\","),
                        "/colour",
                        "not a field"),
                Arguments.of(
                        "missing annotator",
                        p.replace(",\"annotatorId\":\"ann-1\"", ""),
                        "/annotatorId",
                        "missing"),
                Arguments.of(
                        "feedbackId too long",
                        p.replace("{", "{\"feedbackId\":\"" + "i".repeat(201) + "\","),
                        "/feedbackId",
                        "over the limit of 200"),
                Arguments.of(
                        "missing response",
                        r.replace("\"response\":\"Hello!\",", ""),
                        "/response",
                        "missing"),
                Arguments.of(
                        "missing ratings",
                        r.replace("\"ratings\":{\"helpfulness\":4},", "")
                                .replace("\"scales\":{\"helpfulness\":[1,5]},", ""),
                        "/ratings",
                        "missing"),
                Arguments.of(
                        "empty ratings",
                        r.replace("{\"helpfulness\":4}", "{}"),
                        "/ratings",
                        "non-empty object"),
                Arguments.of(
                        "rating not a number",
                        r.replace(":4}", ":\"4\"}"),
                        "/ratings/helpfulness",
                        "finite number"),
                Arguments.of(
                        "rating outside its scale",
                        r.replace(":4}", ":6}"),
                        "/ratings/helpfulness",
                        "outside its scale [1.0, 5.0]"),
                Arguments.of(
                        "rating outside default scale",
                        r.replace(",\"scales\":{\"helpfulness\":[1,5]}", ""),
                        "/ratings/helpfulness",
                        "default to [0, 1]"),
                Arguments.of(
                        "scale reversed",
                        r.replace("[1,5]", "[5,1]"),
                        "/scales/helpfulness",
                        "min must be below max"),
                Arguments.of(
                        "scale not a pair",
                        r.replace("[1,5]", "[1]"),
                        "/scales/helpfulness",
                        "[min, max]"),
                Arguments.of(
                        "scale without rating",
                        r.replace("[1,5]}", "[1,5],\"harmlessness\":[0,1]}"),
                        "/scales/harmlessness",
                        "no rating"),
                Arguments.of(
                        "rating of unknown objective",
                        r.replace("helpfulness", "humour"),
                        "/ratings/humour",
                        "unknown objective"),
                Arguments.of(
                        "pointer escaping",
                        r.replace("helpfulness", "a/b~c"),
                        "/ratings/a~1b~0c",
                        "unknown objective"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidItems")
    void shouldNameEachBadFieldByItsPointer(
            String name, String json, String pointer, String message) {
        Validated result = validator.validate(parse(json), null, "test", NOW);

        assertThat(result).isInstanceOf(Validated.Invalid.class);
        assertThat(((Validated.Invalid) result).errors())
                .anySatisfy(
                        error -> {
                            assertThat(error.pointer()).isEqualTo(pointer);
                            assertThat(error.message()).contains(message);
                        });
    }

    @Test
    void shouldReportEveryErrorOfAnItemAtOnce() {
        Validated result =
                validator.validate(
                        parse("{\"chosen\":\"a\",\"rejected\":\"a\",\"tie\":1}"),
                        null,
                        "test",
                        NOW);

        assertThat(((Validated.Invalid) result).errors())
                .extracting(FieldError::pointer)
                .containsExactlyInAnyOrder("/prompt", "/annotatorId", "/tie", "/rejected");
        assertThat(((Validated.Invalid) result).summary()).contains("/prompt: is missing");
    }

    @Test
    void shouldRefuseAnItemOfTheOtherKindOnAFixedKindEndpoint() {
        Validated result =
                validator.validate(
                        parse(RATING.replace("{", "{\"kind\":\"rating\",")),
                        Kind.PREFERENCE,
                        "test",
                        NOW);

        assertThat(((Validated.Invalid) result).errors())
                .containsExactly(
                        new FieldError("/kind", "this endpoint takes preference items only"));
    }

    @Test
    void shouldAcceptAnyObjectiveWhenTheDeploymentFixesNone() {
        assertThat(
                        FeedbackValidator.defaults()
                                .validate(
                                        parse(
                                                PREFERENCE.replace(
                                                        "{", "{\"objective\":\"humour\",")),
                                        null,
                                        "t")
                                .isValid())
                .isTrue();
    }

    @Test
    void shouldRefuseInvalidUtf8MalformedTrailingAndDuplicateKeyJson() {
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThatThrownBy(() -> FeedbackJson.parse(invalidUtf8))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessage("invalid UTF-8 at byte 6");
        assertThatThrownBy(() -> FeedbackJson.parse(bytes("{\"a\":")))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> FeedbackJson.parse(bytes("{} {}")))
                .isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> FeedbackJson.parse(bytes("{\"a\":1,\"a\":2}")))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> FeedbackJson.parse(bytes(" ")))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("empty");
    }

    private ValidFeedback valid(String json, Kind kind) {
        Validated result = validator.validate(parse(json), kind, "test", NOW);
        assertThat(result)
                .as(() -> result instanceof Validated.Invalid i ? i.summary() : "")
                .isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid) result).feedback();
    }

    private static JsonNode parse(String json) {
        return FeedbackJson.parse(bytes(json));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
