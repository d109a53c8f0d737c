package io.rewardloop.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Picks ArmoRM's features out of a decoder's final hidden states: {@code h_y} is the hidden state
 * of the last token of the whole conversation, {@code h_x} the hidden state at the end of the
 * prompt, both from the same forward pass. A pure function of its arguments.
 */
public final class HiddenStateSelector {

    private HiddenStateSelector() {}

    /**
     * Selects one position per sequence for {@code h_y} and one for {@code h_x}.
     *
     * @param hidden the final hidden states {@code [batch, tokens, hidden]}
     * @param promptEnd per sequence, the index of the last prompt token
     * @param lastToken per sequence, the index of its last real (unpadded) token
     * @return {@code h_y} then {@code h_x}, each {@code [batch, hidden]}, under {@code hidden}'s
     *     manager
     * @throws BackboneException when the shapes or indices do not fit
     */
    public static NDList select(NDArray hidden, int[] promptEnd, int[] lastToken) {
        Shape shape = hidden.getShape();
        if (shape.dimension() != 3) {
            throw new BackboneException(
                    "Expected hidden states [batch, tokens, hidden], got " + shape);
        }
        int batch = (int) shape.get(0);
        int tokens = (int) shape.get(1);
        if (promptEnd.length != batch || lastToken.length != batch) {
            throw new BackboneException(
                    "Need one prompt end and one last token per sequence: batch "
                            + batch
                            + ", got "
                            + promptEnd.length
                            + " and "
                            + lastToken.length);
        }
        long[] rowsY = new long[batch];
        long[] rowsX = new long[batch];
        for (int b = 0; b < batch; b++) {
            if (promptEnd[b] < 0 || promptEnd[b] > lastToken[b] || lastToken[b] >= tokens) {
                throw new BackboneException(
                        "Sequence "
                                + b
                                + ": need 0 <= promptEnd ("
                                + promptEnd[b]
                                + ") <= lastToken ("
                                + lastToken[b]
                                + ") < "
                                + tokens);
            }
            rowsY[b] = (long) b * tokens + lastToken[b];
            rowsX[b] = (long) b * tokens + promptEnd[b];
        }
        NDManager manager = hidden.getManager();
        NDArray flat = hidden.reshape(-1, shape.get(2));
        NDArray responseFeatures = flat.get(manager.create(rowsY));
        NDArray promptFeatures = flat.get(manager.create(rowsX));
        return new NDList(responseFeatures, promptFeatures);
    }
}
