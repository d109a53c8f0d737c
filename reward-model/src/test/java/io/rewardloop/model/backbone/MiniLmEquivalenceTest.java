package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.model.backbone.bert.BertPairTokenizer;
import io.rewardloop.model.backbone.bert.PaddedBatch;
import io.rewardloop.model.backbone.bert.TokenSequence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PyTorch-engine forward pass must reproduce ONNX Runtime running the same file on the same
 * tokens, for sequences of very different lengths padded into one batch.
 */
class MiniLmEquivalenceTest {

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmEquivalenceTest.class);
    private static final double MIN_COSINE = 0.999;

    private static MiniLmBackbone backbone;
    private static OrtReference reference;

    @BeforeAll
    static void load() throws Exception {
        backbone = MiniLmBackbone.builder().build();
        reference = new OrtReference();
    }

    @AfterAll
    static void close() throws Exception {
        backbone.close();
        reference.close();
    }

    @Test
    void shouldMatchOnnxRuntimeOnPairsOfDifferentLengthsInOnePaddedBatch() throws Exception {
        BertPairTokenizer tokenizer = backbone.tokenizer();
        List<TokenSequence> sequences = new ArrayList<>();
        for (PromptResponse pair : TestTexts.PAIRS) {
            sequences.add(tokenizer.reference(pair.prompt(), pair.response()));
        }
        assertEquivalent(PaddedBatch.of(sequences));
    }

    @Test
    void shouldMatchOnnxRuntimeOnSingleTextsOfDifferentLengthsInOnePaddedBatch() throws Exception {
        BertPairTokenizer tokenizer = backbone.tokenizer();
        List<TokenSequence> sequences = new ArrayList<>();
        for (PromptResponse pair : TestTexts.PAIRS) {
            long[] ids = tokenizer.tokenize(List.of(pair.response()))[0];
            sequences.add(tokenizer.single(ids, ids.length));
        }
        assertEquivalent(PaddedBatch.of(sequences));
    }

    @Test
    void shouldMatchOnnxRuntimeOnABatchWithoutPadding() throws Exception {
        BertPairTokenizer tokenizer = backbone.tokenizer();
        long[][] ids =
                tokenizer.tokenize(
                        List.of(TestTexts.LONG_RESPONSE, TestTexts.PAIRS.get(3).response()));
        int keep = Math.min(ids[0].length, ids[1].length);
        List<TokenSequence> sameLength =
                List.of(tokenizer.single(ids[0], keep), tokenizer.single(ids[1], keep));
        PaddedBatch batch = PaddedBatch.of(sameLength);

        assertThat(batch.mask()).containsOnly(1L);
        assertEquivalent(batch);
    }

    private static void assertEquivalent(PaddedBatch batch) throws Exception {
        assertThat(batch.size()).isGreaterThanOrEqualTo(2);
        float[][] torch = backbone.encoder().embed(batch);
        float[][] ort = reference.embed(batch);
        double lowest = 1;
        for (int i = 0; i < batch.size(); i++) {
            double cosine = OrtReference.cosine(torch[i], ort[i]);
            assertThat(cosine).as("cosine of sequence %d", i).isGreaterThanOrEqualTo(MIN_COSINE);
            lowest = Math.min(lowest, cosine);
        }
        LOG.info(
                "PyTorch engine vs ONNX Runtime, {} sequences of up to {} tokens: lowest cosine {}",
                batch.size(),
                batch.length(),
                String.format("%.8f", lowest));
    }
}
