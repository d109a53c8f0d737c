package io.rewardloop.model.backbone.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.function.Function;

/**
 * The weights of one transformer layer. Dense weights are {@code [out, in]}; the query rows of
 * {@code qkvWeight} and {@code qkvBias} come pre-scaled by {@code 1 / sqrt(headSize)}.
 *
 * @param qkvWeight query, key and value projections stacked, {@code [3 * hidden, hidden]}
 * @param qkvBias their biases, {@code [3 * hidden]}
 * @param attentionOutWeight the attention output projection
 * @param attentionOutBias its bias
 * @param attentionNormWeight LayerNorm scale after attention
 * @param attentionNormBias LayerNorm shift after attention
 * @param intermediateWeight the feed-forward expansion, {@code [intermediate, hidden]}
 * @param intermediateBias its bias
 * @param outputWeight the feed-forward contraction, {@code [hidden, intermediate]}
 * @param outputBias its bias
 * @param outputNormWeight LayerNorm scale after the feed-forward block
 * @param outputNormBias LayerNorm shift after the feed-forward block
 */
record LayerWeights(
        NDArray qkvWeight,
        NDArray qkvBias,
        NDArray attentionOutWeight,
        NDArray attentionOutBias,
        NDArray attentionNormWeight,
        NDArray attentionNormBias,
        NDArray intermediateWeight,
        NDArray intermediateBias,
        NDArray outputWeight,
        NDArray outputBias,
        NDArray outputNormWeight,
        NDArray outputNormBias) {

    /** Reads layer {@code i}'s weights by their {@link BertWeights} names. */
    static LayerWeights of(int i, Function<String, NDArray> param) {
        String p = "layer." + i + ".";
        return new LayerWeights(
                param.apply(p + "qkv.weight"),
                param.apply(p + "qkv.bias"),
                param.apply(p + "attention_out.weight"),
                param.apply(p + "attention_out.bias"),
                param.apply(p + "attention_norm.weight"),
                param.apply(p + "attention_norm.bias"),
                param.apply(p + "intermediate.weight"),
                param.apply(p + "intermediate.bias"),
                param.apply(p + "output.weight"),
                param.apply(p + "output.bias"),
                param.apply(p + "output_norm.weight"),
                param.apply(p + "output_norm.bias"));
    }

    /** The weights in declaration order, as {@link ScriptedLayer}'s module takes them. */
    NDList asList() {
        return new NDList(
                qkvWeight,
                qkvBias,
                attentionOutWeight,
                attentionOutBias,
                attentionNormWeight,
                attentionNormBias,
                intermediateWeight,
                intermediateBias,
                outputWeight,
                outputBias,
                outputNormWeight,
                outputNormBias);
    }
}
