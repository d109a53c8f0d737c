package io.rewardloop.scorer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.service.http.Problem;
import io.rewardloop.service.http.ProblemException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Both request shapes: splitting OpenRLHF's queries, limits, and every field error at once. */
class ScoringRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScoringRequest.Limits LIMITS = new ScoringRequest.Limits(3, 20);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static Problem problem(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(ProblemException.class);
        return ((ProblemException) thrown).problem();
    }

    @Test
    void shouldSplitEachOpenRlhfQueryIntoItsPromptAndResponse() throws Exception {
        ScoringRequest request =
                ScoringRequest.openRlhf(
                        json(
                                "{'query': ['Hi? Hello!', 'Q: x A: y'], 'prompts': ['Hi?', 'Q: x'],"
                                        + " 'labels': ['', '']}"),
                        LIMITS);

        assertThat(request.pairs())
                .containsExactly(
                        new PromptResponse("Hi?", " Hello!"), new PromptResponse("Q: x", " A: y"));
        assertThat(request.pointerOf(1)).isEqualTo("/query/1");
    }

    @Test
    void shouldNameEveryQueryThatDoesNotStartWithItsPrompt() throws Exception {
        Problem problem =
                problem(
                        () ->
                                ScoringRequest.openRlhf(
                                        json(
                                                "{'query': ['Hi? Hello', 'other', 'Q: x'],"
                                                        + " 'prompts': ['Hi?', 'Q: x', 'Q: x']}"),
                                        LIMITS));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.errors())
                .extracting(Problem.FieldError::pointer)
                .containsExactly("/query/1", "/query/2");
        assertThat(problem.errors().get(0).detail()).contains("does not start with /prompts/1");
        assertThat(problem.errors().get(1).detail()).contains("no response after its prompt");
    }

    @Test
    void shouldRequireThePromptsAlongsideTheQueries() throws Exception {
        Problem missing =
                problem(() -> ScoringRequest.openRlhf(json("{'query': ['a b']}"), LIMITS));
        Problem uneven =
                problem(
                        () ->
                                ScoringRequest.openRlhf(
                                        json("{'query': ['a b', 'c d'], 'prompts': ['a']}"),
                                        LIMITS));

        assertThat(missing.errors())
                .extracting(Problem.FieldError::pointer)
                .containsExactly("/prompts");
        assertThat(uneven.errors().get(0).detail()).isEqualTo("has 1 items, /query has 2");
    }

    @Test
    void shouldAnswer413ForTooManyPairsAnd422ForTooLongText() throws Exception {
        Problem many =
                problem(
                        () ->
                                ScoringRequest.openRlhf(
                                        json(
                                                "{'query': ['a b','a b','a b','a b'],"
                                                        + " 'prompts': ['a','a','a','a']}"),
                                        LIMITS));
        Problem long_ =
                problem(
                        () ->
                                ScoringRequest.nativeShape(
                                        json(
                                                "{'prompt': 'p', 'response': '"
                                                        + "x".repeat(21)
                                                        + "'}"),
                                        LIMITS));

        assertThat(many.status()).isEqualTo(413);
        assertThat(long_.status()).isEqualTo(422);
        assertThat(long_.errors())
                .extracting(Problem.FieldError::pointer)
                .containsExactly("/response");
    }

    @Test
    void shouldReadOneNativePairOrManyWithTheirIds() throws Exception {
        ScoringRequest one =
                ScoringRequest.nativeShape(
                        json("{'prompt': 'p', 'response': 'r', 'responseId': 'r-1'}"), LIMITS);
        ScoringRequest many =
                ScoringRequest.nativeShape(
                        json(
                                "{'pairs': [{'prompt': 'p', 'response': 'r', 'rlhfRound': 3},"
                                        + " {'prompt': 'q', 'response': 's', 'promptId': 'q-1'}]}"),
                        LIMITS);

        assertThat(one.pairs()).containsExactly(new PromptResponse("p", "r"));
        assertThat(one.ids().get(0).responseId()).isEqualTo("r-1");
        assertThat(one.pointerOf(0)).isEmpty();
        assertThat(many.pairs()).hasSize(2);
        assertThat(many.ids().get(0).rlhfRound()).isEqualTo(3L);
        assertThat(many.ids().get(1).promptId()).isEqualTo("q-1");
    }

    @Test
    void shouldGatherEveryFieldErrorOfANativeRequest() throws Exception {
        Problem problem =
                problem(
                        () ->
                                ScoringRequest.nativeShape(
                                        json(
                                                "{'pairs': [{'prompt': '', 'response': 3,"
                                                        + " 'a/b': 1}, 'x', {'prompt': 'p',"
                                                        + " 'response': 'r', 'rlhfRound': 1.5}]}"),
                                        LIMITS));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.errors())
                .extracting(Problem.FieldError::pointer)
                .containsExactlyInAnyOrder(
                        "/pairs/0/a~1b",
                        "/pairs/0/prompt",
                        "/pairs/0/response",
                        "/pairs/1",
                        "/pairs/2/rlhfRound");
        assertThatThrownBy(() -> ScoringRequest.nativeShape(json("[1]"), LIMITS))
                .isInstanceOf(ProblemException.class);
    }
}
