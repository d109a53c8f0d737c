package io.rewardloop.model.heads;

import java.util.Objects;

/**
 * The trained gating network as plain arrays, evaluated in Java: {@code g = beta * softmax(MLP(h_x)
 * / tau)} over the K objectives, the MLP a stack of linear layers with ReLU between them (dropout
 * only acts in training). Layer i maps {@code sizes[i]} inputs to {@code sizes[i + 1]} outputs; its
 * weight is row-major {@code [out][in]} as DJL's {@code Linear} stores it.
 */
public final class GatingWeights {

    private final int[] sizes;
    private final float[][] weights;
    private final float[][] biases;
    private final float beta;
    private final float tau;

    /**
     * Creates the network.
     *
     * @param sizes layer widths, input first, K last (at least two entries)
     * @param weights per layer, {@code out * in} values row-major
     * @param biases per layer, {@code out} values
     * @param beta the learned scale
     * @param tau the softmax temperature
     */
    public GatingWeights(int[] sizes, float[][] weights, float[][] biases, float beta, float tau) {
        Objects.requireNonNull(sizes, "sizes");
        if (sizes.length < 2
                || weights.length != sizes.length - 1
                || biases.length != weights.length) {
            throw new IllegalArgumentException("need one weight and bias per layer");
        }
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].length != sizes[i] * sizes[i + 1] || biases[i].length != sizes[i + 1]) {
                throw new IllegalArgumentException("layer " + i + " has the wrong size");
            }
        }
        if (!(tau > 0)) {
            throw new IllegalArgumentException("tau must be positive");
        }
        this.sizes = sizes.clone();
        this.weights = weights;
        this.biases = biases;
        this.beta = beta;
        this.tau = tau;
    }

    /**
     * Returns the layer widths.
     *
     * @return input width, hidden widths, K
     */
    public int[] sizes() {
        return sizes.clone();
    }

    /**
     * Returns one layer's weight, not copied.
     *
     * @param layer the layer index
     * @return {@code out * in} values, row-major
     */
    public float[] weight(int layer) {
        return weights[layer];
    }

    /**
     * Returns one layer's bias, not copied.
     *
     * @param layer the layer index
     * @return {@code out} values
     */
    public float[] bias(int layer) {
        return biases[layer];
    }

    /**
     * Returns the number of linear layers.
     *
     * @return hidden layers + 1
     */
    public int layers() {
        return weights.length;
    }

    /**
     * Returns beta.
     *
     * @return the learned scale
     */
    public float beta() {
        return beta;
    }

    /**
     * Returns tau.
     *
     * @return the temperature
     */
    public float tau() {
        return tau;
    }

    /**
     * Computes the gating weights for one prompt.
     *
     * @param prompt the prompt feature {@code h_x}
     * @return K weights summing to beta
     */
    public double[] apply(float[] prompt) {
        if (prompt.length != sizes[0]) {
            throw new IllegalArgumentException(
                    "prompt dimension " + prompt.length + ", expected " + sizes[0]);
        }
        float[] x = prompt;
        for (int layer = 0; layer < weights.length; layer++) {
            x = linear(layer, x, layer < weights.length - 1);
        }
        double[] logits = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            logits[k] = x[k];
        }
        return softmax(logits);
    }

    /** One layer in float, ReLU optional; four partial sums let the JIT vectorize the dot. */
    private float[] linear(int layer, float[] x, boolean relu) {
        int in = sizes[layer];
        float[] w = weights[layer];
        float[] out = new float[sizes[layer + 1]];
        int blocked = in - in % 4;
        for (int o = 0; o < out.length; o++) {
            int row = o * in;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int i = 0; i < blocked; i += 4) {
                s0 += w[row + i] * x[i];
                s1 += w[row + i + 1] * x[i + 1];
                s2 += w[row + i + 2] * x[i + 2];
                s3 += w[row + i + 3] * x[i + 3];
            }
            for (int i = blocked; i < in; i++) {
                s0 += w[row + i] * x[i];
            }
            float v = biases[layer][o] + ((s0 + s1) + (s2 + s3));
            out[o] = relu ? Math.max(v, 0f) : v;
        }
        return out;
    }

    private double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v / tau);
        }
        double sum = 0;
        double[] g = new double[logits.length];
        for (int k = 0; k < g.length; k++) {
            g[k] = Math.exp(logits[k] / tau - max);
            sum += g[k];
        }
        for (int k = 0; k < g.length; k++) {
            g[k] = beta * g[k] / sum;
        }
        return g;
    }
}
