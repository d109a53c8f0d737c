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
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PyTorch-engine forward pass must reproduce ONNX Runtime running the same file on the same
 * tokens, for sequences of very different lengths padded into one batch. One subclass per encoder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EncoderEquivalenceTest {

    private static final Logger LOG = LoggerFactory.getLogger(EncoderEquivalenceTest.class);
    private static final double MIN_COSINE = 0.999;

    /** The backbone under test, open for the whole class. */
    MiniLmBackbone backbone;

    private OrtReference reference;

    /** Builds the backbone under test. */
    abstract MiniLmBackbone open() throws Exception;

    /** Opens ONNX Runtime on the same file, pooled the same way. */
    abstract OrtReference openReference() throws Exception;

    @BeforeAll
    void load() throws Exception {
        backbone = open();
        reference = openReference();
    }

    @AfterAll
    void close() throws Exception {
        backbone.close();
        reference.close();
    }

    @Test
    void shouldMatchOnnxRuntimeOnPairsOfDifferentLengthsInOnePaddedBatch() throws Exception {
        assertEquivalent(PaddedBatch.of(references()));
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

    @Test
    void shouldGiveTheFeaturesOfOnnxRuntimeOnTheTokenizersOwnPairEncoding() throws Exception {
        // End to end: the backbone's own tokens, batching and pooling, none of them cut.
        float[][] features = backbone.embed(TestTexts.PAIRS).responseFeatures();
        float[][] ort = reference.embed(PaddedBatch.of(references()));

        for (int i = 0; i < features.length; i++) {
            assertThat(OrtReference.cosine(features[i], ort[i]))
                    .as("cosine of pair %d", i)
                    .isGreaterThanOrEqualTo(MIN_COSINE);
        }
    }

    /** The tokenizer's own pair encodings of {@link TestTexts#PAIRS}. */
    private List<TokenSequence> references() {
        List<TokenSequence> sequences = new ArrayList<>();
        for (PromptResponse pair : TestTexts.PAIRS) {
            sequences.add(backbone.tokenizer().reference(pair.prompt(), pair.response()));
        }
        return sequences;
    }

    private void assertEquivalent(PaddedBatch batch) throws Exception {
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
                "{}: PyTorch engine vs ONNX Runtime, {} sequences of up to {} tokens: lowest cosine {}",
                backbone.id(),
                batch.size(),
                batch.length(),
                String.format("%.8f", lowest));
    }
}
