package io.rewardloop.model.backbone.bert;

import ai.djl.ndarray.NDArray;

/** One post-LayerNorm transformer layer, run as a {@link LayerKernel} runs it. */
interface EncoderLayer extends AutoCloseable {

    /**
     * Returns the weights in the form {@link #apply} runs fastest on; called once per layer when
     * the encoder loads.
     *
     * @param weights the layer's weights, as loaded
     * @return the weights to pass to {@link #apply}, under the same manager
     */
    default LayerWeights prepare(LayerWeights weights) {
        return weights;
    }

    /**
     * Runs the layer.
     *
     * @param x the hidden states, {@code [size, length, hidden]}
     * @param weights the layer's weights
     * @param maskBias {@code [size, 1, 1, length]}: 0 for a token, a large negative number for
     *     padding; null when no sequence is padded
     * @return the next hidden states, {@code [size, length, hidden]}, under the manager of {@code
     *     x}
     */
    NDArray apply(NDArray x, LayerWeights weights, NDArray maskBias);

    /** Frees what the kernel holds. */
    @Override
    void close();
}
