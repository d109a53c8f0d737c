package io.rewardloop.model.backbone.bert;

import java.util.Arrays;

/**
 * One float initializer of an ONNX graph: its name, its dimensions and its values in row-major
 * order.
 *
 * @param name the initializer's name in the graph
 * @param dims the dimensions, outermost first
 * @param data the values, row-major; its length is the product of {@code dims}
 */
public record OnnxTensor(String name, long[] dims, float[] data) {

    /** Checks that the data length matches the dimensions. */
    public OnnxTensor {
        long size = 1;
        for (long dim : dims) {
            size *= dim;
        }
        if (size != data.length) {
            throw new OnnxFormatException(
                    "Initializer "
                            + name
                            + " has dims "
                            + Arrays.toString(dims)
                            + " but "
                            + data.length
                            + " values");
        }
    }

    /**
     * Says whether the tensor has exactly these dimensions.
     *
     * @param expected the expected dimensions
     * @return true when they match
     */
    public boolean hasDims(long... expected) {
        return Arrays.equals(dims, expected);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(dims);
    }
}
