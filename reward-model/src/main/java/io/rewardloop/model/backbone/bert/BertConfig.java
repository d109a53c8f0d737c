package io.rewardloop.model.backbone.bert;

/**
 * The shape of a BERT encoder, read off its weights (all but the head count, which weights do not
 * reveal).
 *
 * @param vocabularySize rows of the word-embedding table
 * @param hiddenSize width of every hidden state
 * @param layers number of transformer layers
 * @param heads attention heads per layer
 * @param intermediateSize width of the feed-forward layer
 * @param maxPositions rows of the position-embedding table: the longest sequence it can encode
 * @param layerNormEps epsilon of every LayerNorm
 */
public record BertConfig(
        int vocabularySize,
        int hiddenSize,
        int layers,
        int heads,
        int intermediateSize,
        int maxPositions,
        float layerNormEps) {

    /** Checks that the heads divide the hidden size. */
    public BertConfig {
        if (heads < 1 || hiddenSize % heads != 0) {
            throw new OnnxFormatException(
                    "hidden size " + hiddenSize + " is not divisible by " + heads + " heads");
        }
    }

    /**
     * Returns the width of one attention head.
     *
     * @return {@code hiddenSize / heads}
     */
    public int headSize() {
        return hiddenSize / heads;
    }
}
