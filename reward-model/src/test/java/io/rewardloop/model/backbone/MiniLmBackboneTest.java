package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rewardloop.common.ConfigException;
import io.rewardloop.model.backbone.bert.OnnxFormatException;
import io.rewardloop.model.backbone.bert.Pooling;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of the MiniLM backbone, with small limits so that truncation is easy to reach. */
class MiniLmBackboneTest {

    private static final int MAX_TOKENS = 32;
    private static final String LONG_PROMPT =
            "User: let us talk about cooking, pasta and sauces. Assistant: gladly. User: now"
                    + " travel, trains across Europe at night. Assistant: sure. User: and music,"
                    + " jazz from the fifties. Finally: which instrument should I learn first?";

    private static MiniLmBackbone backbone;

    @BeforeAll
    static void load() throws Exception {
        backbone =
                MiniLmBackbone.builder()
                        .optMaxTokens(MAX_TOKENS)
                        .optMaxPromptTokens(8)
                        .optMaxBatchTokens(64)
                        .build();
    }

    @AfterAll
    static void close() {
        backbone.close();
    }

    @Test
    void shouldReturnFeaturesInInputOrderWhateverTheInternalBatches() {
        Features together = backbone.embed(TestTexts.PAIRS);

        for (int i = 0; i < TestTexts.PAIRS.size(); i++) {
            Features alone = backbone.embed(List.of(TestTexts.PAIRS.get(i)));
            assertThat(
                            OrtReference.cosine(
                                    together.responseFeatures()[i], alone.responseFeatures()[0]))
                    .isGreaterThan(0.99999);
            assertThat(OrtReference.cosine(together.promptFeatures()[i], alone.promptFeatures()[0]))
                    .isGreaterThan(0.99999);
        }
    }

    @Test
    void shouldReportWhichSideWasCutAndStayWithinTheLimit() {
        List<PromptResponse> pairs =
                List.of(
                        new PromptResponse("Hi", "Hello!"),
                        new PromptResponse(LONG_PROMPT, "The piano."),
                        new PromptResponse("Explain photosynthesis.", TestTexts.LONG_RESPONSE),
                        new PromptResponse(LONG_PROMPT, TestTexts.LONG_RESPONSE));

        Features features = backbone.embed(pairs);

        assertThat(features.truncations())
                .containsExactly(
                        Truncation.NONE, Truncation.PROMPT, Truncation.RESPONSE, Truncation.BOTH);
        assertThat(features.tokenCounts()[0]).as("[CLS] hi [SEP] hello ! [SEP]").isEqualTo(6);
        assertThat(java.util.Arrays.stream(features.tokenCounts()).max().orElseThrow())
                .isLessThanOrEqualTo(MAX_TOKENS);
        assertThat(features.tokenCounts()[3]).isEqualTo(MAX_TOKENS);
    }

    @Test
    void shouldShareOnePromptFeatureAcrossResponsesAndServeRepeatsFromTheCache() {
        String prompt = "Name a prime number between 10 and 20.";
        List<PromptResponse> pairs =
                List.of(new PromptResponse(prompt, "11"), new PromptResponse(prompt, "Fifteen."));
        int cachedBefore = backbone.cachedPrompts();

        Features first = backbone.embed(pairs);
        Features again = backbone.embed(pairs.subList(0, 1));

        assertThat(backbone.cachedPrompts()).isEqualTo(cachedBefore + 1);
        assertThat(first.promptFeatures()[0]).containsExactly(first.promptFeatures()[1]);
        assertThat(again.promptFeatures()[0]).containsExactly(first.promptFeatures()[0]);
        assertThat(OrtReference.cosine(first.responseFeatures()[0], first.responseFeatures()[1]))
                .isLessThan(0.999);
    }

    @Test
    void shouldProduceUnitLengthFeaturesOfTheModelDimension() {
        Features features = backbone.embed(TestTexts.PAIRS.subList(0, 2));

        assertThat(backbone.dimension()).isEqualTo(384);
        for (float[] row : features.responseFeatures()) {
            assertThat(row).hasSize(384);
            assertThat(OrtReference.cosine(row, row)).isCloseTo(1.0, within(1e-6));
            double norm = 0;
            for (float v : row) {
                norm += v * v;
            }
            assertThat(norm).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void shouldReturnEmptyFeaturesForAnEmptyBatch() {
        Features features = backbone.embed(List.of());

        assertThat(features.size()).isZero();
        assertThat(features.truncations()).isEmpty();
    }

    @Test
    void shouldNameItsTokenLimitsInItsId() {
        assertThat(backbone.id()).isEqualTo("all-minilm-l6-v2/mean-l2/pair32-prompt8");
    }

    @Test
    void shouldRunAnotherEncoderAndNameItAndItsPoolingInItsId() throws Exception {
        try (MiniLmBackbone cls =
                MiniLmBackbone.builder()
                        .optMaxTokens(MAX_TOKENS)
                        .optMaxPromptTokens(8)
                        .optEncoder(
                                "minilm-cls",
                                MiniLmBackboneBuilder.ONNX_RESOURCE,
                                MiniLmBackboneBuilder.TOKENIZER_RESOURCE,
                                Pooling.CLS)
                        .build()) {
            List<PromptResponse> pair = List.of(TestTexts.PAIRS.get(1));

            assertThat(cls.id()).isEqualTo("minilm-cls/cls-l2/pair32-prompt8");
            assertThat(cls.maxSequenceTokens()).isEqualTo(MAX_TOKENS);
            assertThat(cls.encoder().pooling()).isEqualTo(Pooling.CLS);
            assertThat(
                            OrtReference.cosine(
                                    cls.embed(pair).responseFeatures()[0],
                                    backbone.embed(pair).responseFeatures()[0]))
                    .isLessThan(0.999);
        }
    }

    @Test
    void shouldNameAMissingClasspathResource() {
        assertThatThrownBy(
                        () ->
                                MiniLmBackbone.builder()
                                        .optEncoder(
                                                "missing",
                                                "/missing.onnx",
                                                MiniLmBackboneBuilder.TOKENIZER_RESOURCE,
                                                Pooling.MEAN)
                                        .build())
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("/missing.onnx");
    }

    @Test
    void shouldRejectAPromptLimitThatLeavesNoRoomForTheResponse() {
        assertThatThrownBy(
                        () ->
                                MiniLmBackbone.builder()
                                        .optMaxTokens(64)
                                        .optMaxPromptTokens(61)
                                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("maxPromptTokens=61");
    }

    @Test
    void shouldRejectMoreTokensThanTheModelHasPositions() {
        assertThatThrownBy(
                        () ->
                                MiniLmBackbone.builder()
                                        .optMaxTokens(1024)
                                        .optMaxBatchTokens(4096)
                                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("512 positions");
    }

    @Test
    void shouldNameAMissingModelFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.onnx");

        assertThatThrownBy(() -> MiniLmBackbone.builder().optModelPath(missing).build())
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.onnx");
    }

    @Test
    void shouldRejectAFileThatIsNotOnnx(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.onnx");
        Files.writeString(garbage, "definitely not a protobuf");

        assertThatThrownBy(() -> MiniLmBackbone.builder().optModelPath(garbage).build())
                .isInstanceOf(OnnxFormatException.class);
    }
}
