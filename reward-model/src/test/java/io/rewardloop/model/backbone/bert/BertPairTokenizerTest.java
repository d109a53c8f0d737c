package io.rewardloop.model.backbone.bert;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.model.backbone.MiniLmBackboneBuilder;
import io.rewardloop.model.backbone.Truncation;
import io.rewardloop.model.backbone.TruncationPolicy;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BertPairTokenizerTest {

    private static BertPairTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream json =
                BertPairTokenizerTest.class.getResourceAsStream(
                        MiniLmBackboneBuilder.TOKENIZER_RESOURCE)) {
            tokenizer = BertPairTokenizer.load(json);
        }
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void shouldReproduceTheTokenizersOwnPairEncodingWhenNothingIsCut() {
        String prompt = "What is the capital of France?";
        String response = "Paris, on the Seine.";
        long[][] ids = tokenizer.tokenize(List.of(prompt, response));
        TruncationPolicy.Split all =
                new TruncationPolicy.Split(ids[0].length, ids[1].length, Truncation.NONE);

        TokenSequence pair = tokenizer.pair(ids[0], ids[1], all);

        TokenSequence reference = tokenizer.reference(prompt, response);
        assertThat(pair.ids()).containsExactly(reference.ids());
        assertThat(pair.typeIds()).containsExactly(reference.typeIds());
    }

    @Test
    void shouldNotTruncateOrPadDespiteTheTokenizerJsonSettings() {
        String longText = "word ".repeat(300);

        long[][] ids = tokenizer.tokenize(List.of(longText, "short"));

        assertThat(ids[0]).hasSize(300);
        assertThat(ids[1]).hasSize(1);
    }

    @Test
    void shouldKeepThePromptEndAndTheResponseBeginning() {
        long[] prompt = {1, 2, 3, 4, 5};
        long[] response = {6, 7, 8, 9};

        TokenSequence pair =
                tokenizer.pair(prompt, response, new TruncationPolicy.Split(2, 3, Truncation.BOTH));

        assertThat(pair.ids()).containsExactly(101, 4, 5, 102, 6, 7, 8, 102);
        assertThat(pair.typeIds()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void shouldEncodeTheEndOfAPromptAlone() {
        TokenSequence single = tokenizer.single(new long[] {1, 2, 3}, 2);

        assertThat(single.ids()).containsExactly(101, 2, 3, 102);
        assertThat(single.typeIds()).containsOnly(0L);
    }
}
