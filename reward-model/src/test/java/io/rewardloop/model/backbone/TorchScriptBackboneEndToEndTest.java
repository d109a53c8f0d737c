package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.rewardloop.model.backbone.TinyCausalTorchScript.Output;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link TorchScriptBackbone} end to end: a {@link TinyCausalTorchScript} module compiled by the
 * real PyTorch engine, fed by the all-MiniLM-L6-v2 tokenizer, with small limits so that padding,
 * several internal batches and truncation are easy to reach. Expected features are computed in Java
 * from the token ids.
 */
class TorchScriptBackboneEndToEndTest {

    private static final int MAX_TOKENS = 24;
    private static final int MAX_PROMPT_TOKENS = 8;

    /** {@code [CLS] [SEP]}: what the BERT tokenizer adds to an empty single text. */
    private static final long[] PREFIX = {101, 102};

    private static final String LONG_PROMPT =
            "User: let us talk about cooking, pasta and sauces. Assistant: gladly. User: now"
                    + " travel, trains across Europe at night. Finally: which one should I try?";

    @TempDir static Path dir;

    private static Path tokenizerJson;
    private static HuggingFaceTokenizer tokenizer;
    private static TorchScriptBackbone backbone;

    @BeforeAll
    static void load() throws Exception {
        tokenizerJson = dir.resolve("tokenizer.json");
        try (InputStream in =
                TorchScriptBackboneEndToEndTest.class.getResourceAsStream(
                        MiniLmBackboneBuilder.TOKENIZER_RESOURCE)) {
            Files.copy(in, tokenizerJson);
        }
        tokenizer =
                HuggingFaceTokenizer.newInstance(
                        tokenizerJson, Map.of("addSpecialTokens", "false", "truncation", "false"));
        backbone = builder(Output.FLOAT32).build();
    }

    @AfterAll
    static void close() {
        backbone.close();
        tokenizer.close();
    }

    private static TorchScriptBackboneBuilder builder(Output output) throws Exception {
        Path model = dir.resolve("tiny-causal-" + output.name().toLowerCase() + ".pt");
        return TorchScriptBackbone.builder()
                .setModelPath(TinyCausalTorchScript.write(model, output))
                .setTokenizerPath(tokenizerJson)
                .optMaxTokens(MAX_TOKENS)
                .optMaxPromptTokens(MAX_PROMPT_TOKENS)
                .optMaxBatchTokens(2 * MAX_TOKENS)
                .optMaxBatchSize(2);
    }

    private static long[] ids(String text) {
        return tokenizer.encode(text).getIds();
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(LongStream::of).toArray();
    }

    @Test
    void shouldLearnTheHiddenSizeAndNameTheModelFileAndLimits() {
        assertThat(backbone.dimension()).isEqualTo(TinyCausalTorchScript.HIDDEN);
        assertThat(backbone.id()).isEqualTo("tiny-causal-float32.pt/last-token/max24-prompt8");
    }

    @Test
    void shouldTakeHyAtTheLastTokenAndHxAtTheLastPromptToken() {
        long[] sequence = {101, 102, 7632, 7592, 999}; // [CLS] [SEP] hi | hello !

        Features features = backbone.embed(List.of(new PromptResponse("Hi", "Hello!")));

        assertThat(features.tokenCounts()).containsExactly(5);
        assertThat(features.truncations()).containsExactly(Truncation.NONE);
        assertThat(features.responseFeatures()[0])
                .containsExactly(TinyCausalTorchScript.state(sequence, 4), within(1e-6f));
        assertThat(features.promptFeatures()[0])
                .containsExactly(TinyCausalTorchScript.state(sequence, 2), within(1e-6f));
    }

    @Test
    void shouldMatchTheModelAtTheExpectedPositionsForEveryPairOfABatch() {
        List<PromptResponse> pairs = TestTexts.PAIRS.subList(0, 2);

        Features features = backbone.embed(pairs);

        for (int i = 0; i < pairs.size(); i++) {
            long[] prompt = concat(PREFIX, ids(pairs.get(i).prompt()));
            long[] sequence = concat(prompt, ids(pairs.get(i).response()));
            assertThat(features.tokenCounts()[i]).isEqualTo(sequence.length);
            assertThat(features.responseFeatures()[i])
                    .containsExactly(
                            TinyCausalTorchScript.state(sequence, sequence.length - 1),
                            within(1e-6f));
            assertThat(features.promptFeatures()[i])
                    .containsExactly(
                            TinyCausalTorchScript.state(sequence, prompt.length - 1),
                            within(1e-6f));
        }
    }

    @Test
    void shouldShareHxBetweenResponsesToOnePromptAndTellTheResponsesApart() {
        Features features =
                backbone.embed(
                        List.of(
                                new PromptResponse("What is 2 + 2?", "4"),
                                new PromptResponse("What is 2 + 2?", "It is four, of course.")));

        assertThat(features.promptFeatures()[0]).isEqualTo(features.promptFeatures()[1]);
        assertThat(features.responseFeatures()[0]).isNotEqualTo(features.responseFeatures()[1]);
    }

    @Test
    void shouldGiveEachPairTheSameFeaturesAloneAsInPaddedBatches() {
        // Five pairs of very different lengths, at most two per internal batch: padded on the
        // right to the longest of each batch.
        Features together = backbone.embed(TestTexts.PAIRS);

        for (int i = 0; i < TestTexts.PAIRS.size(); i++) {
            Features alone = backbone.embed(List.of(TestTexts.PAIRS.get(i)));
            assertThat(together.responseFeatures()[i]).isEqualTo(alone.responseFeatures()[0]);
            assertThat(together.promptFeatures()[i]).isEqualTo(alone.promptFeatures()[0]);
            assertThat(together.tokenCounts()[i]).isEqualTo(alone.tokenCounts()[0]);
        }
    }

    @Test
    void shouldBeDeterministicAcrossCalls() {
        Features first = backbone.embed(TestTexts.PAIRS);
        Features second = backbone.embed(TestTexts.PAIRS);

        assertThat(Arrays.deepEquals(first.responseFeatures(), second.responseFeatures())).isTrue();
        assertThat(Arrays.deepEquals(first.promptFeatures(), second.promptFeatures())).isTrue();
    }

    @Test
    void shouldKeepThePromptsEndAndTheResponsesBeginningWhenCutting() {
        long[] prompt = ids(LONG_PROMPT);
        long[] response = ids(TestTexts.LONG_RESPONSE);
        int responseKept = MAX_TOKENS - PREFIX.length - MAX_PROMPT_TOKENS;
        long[] sequence =
                concat(
                        PREFIX,
                        Arrays.copyOfRange(
                                prompt, prompt.length - MAX_PROMPT_TOKENS, prompt.length),
                        Arrays.copyOf(response, responseKept));

        Features features =
                backbone.embed(List.of(new PromptResponse(LONG_PROMPT, TestTexts.LONG_RESPONSE)));

        assertThat(features.truncations()).containsExactly(Truncation.BOTH);
        assertThat(features.tokenCounts()).containsExactly(MAX_TOKENS);
        assertThat(features.promptFeatures()[0])
                .containsExactly(
                        TinyCausalTorchScript.state(
                                sequence, PREFIX.length + MAX_PROMPT_TOKENS - 1),
                        within(1e-6f));
        assertThat(features.responseFeatures()[0])
                .containsExactly(
                        TinyCausalTorchScript.state(sequence, MAX_TOKENS - 1), within(1e-6f));
    }

    @Test
    void shouldReturnNoRowsForAnEmptyBatch() {
        assertThat(backbone.embed(List.of()).size()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"FLOAT16, 1e-3", "BFLOAT16, 8e-3", "TUPLE, 1e-6"})
    void shouldReadHiddenStatesOfEveryDtypeAndFromATuple(Output output, float tolerance)
            throws Exception {
        long[] sequence = {101, 102, 7632, 7592, 999};

        try (TorchScriptBackbone other = builder(output).build()) {
            Features features = other.embed(List.of(new PromptResponse("Hi", "Hello!")));

            assertThat(other.dimension()).isEqualTo(TinyCausalTorchScript.HIDDEN);
            assertThat(features.responseFeatures()[0])
                    .containsExactly(TinyCausalTorchScript.state(sequence, 4), within(tolerance));
            assertThat(features.promptFeatures()[0])
                    .containsExactly(TinyCausalTorchScript.state(sequence, 2), within(tolerance));
        }
    }

    @Test
    void shouldStartAtThePromptWithoutSpecialTokensAndRefuseAnEmptyPrompt() throws Exception {
        long[] sequence = {7632, 7592, 999};

        try (TorchScriptBackbone plain =
                builder(Output.FLOAT32).optAddSpecialTokens(false).build()) {
            Features features = plain.embed(List.of(new PromptResponse("Hi", "Hello!")));

            assertThat(features.tokenCounts()).containsExactly(3);
            assertThat(features.promptFeatures()[0])
                    .containsExactly(TinyCausalTorchScript.state(sequence, 0), within(1e-6f));
            assertThatThrownBy(() -> plain.embed(List.of(new PromptResponse("", "Hello!"))))
                    .isInstanceOf(BackboneException.class)
                    .hasMessageContaining("empty prompt");
        }
    }

    @Test
    void shouldRefuseAModuleThatDoesNotReturnOneStatePerToken() {
        assertThatThrownBy(() -> builder(Output.POOLED).build())
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("tiny-causal-pooled.pt")
                .hasMessageContaining("breaks the input contract");
    }
}
