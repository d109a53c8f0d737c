package io.rewardloop.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The gating network as a DJL block: input {@code h_x} (batch x d), outputs {@code g = beta *
 * softmax(MLP(h_x) / tau)} (batch x K) and the tempered logits {@code MLP(h_x) / tau} (for the
 * optional routing loss), the MLP {@code d -> H -> ... -> H -> K} with ReLU and dropout after each
 * hidden layer.
 */
final class GatingBlock extends AbstractBlock {

    private final List<Linear> layers = new ArrayList<>();
    private final Parameter beta;
    private final float dropout;
    private final float tau;
    private final int objectives;

    GatingBlock(GatingConfig config, int objectives) {
        this.dropout = config.dropout();
        this.tau = config.tau();
        this.objectives = objectives;
        for (int i = 0; i <= config.hiddenLayers(); i++) {
            long units = i < config.hiddenLayers() ? config.hiddenSize() : objectives;
            layers.add(addChildBlock("linear" + i, Linear.builder().setUnits(units).build()));
        }
        beta =
                addParameter(
                        Parameter.builder()
                                .setName("beta")
                                .setType(Parameter.Type.OTHER)
                                .optShape(new Shape(1))
                                .optInitializer(new ConstantInitializer(config.initialBeta()))
                                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(store, new NDList(x), training, params).singletonOrThrow();
            if (i < layers.size() - 1) {
                x = Activation.relu(x);
                if (training && dropout > 0) {
                    x = Dropout.dropout(x, dropout, true).singletonOrThrow();
                }
            }
        }
        // Axis 1 is the objective axis (batch x K); the authors' script softmaxed over the wrong
        // axis (their issue #54).
        NDArray scaled = x.div(tau);
        NDArray g = scaled.softmax(1).mul(store.getValue(beta, x.getDevice(), training));
        return new NDList(g, scaled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape out = new Shape(inputShapes[0].get(0), objectives);
        return new Shape[] {out, out};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape shape = inputs[0];
        for (Linear layer : layers) {
            layer.initialize(manager, dataType, shape);
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
        }
    }

    /** Copies the current parameter values out into plain arrays. */
    GatingWeights snapshot(int inputSize) {
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = inputSize;
        float[][] weights = new float[layers.size()][];
        float[][] biases = new float[layers.size()][];
        for (int i = 0; i < layers.size(); i++) {
            weights[i] = layers.get(i).getParameters().get("weight").getArray().toFloatArray();
            biases[i] = layers.get(i).getParameters().get("bias").getArray().toFloatArray();
            sizes[i + 1] = biases[i].length;
        }
        return new GatingWeights(sizes, weights, biases, beta.getArray().getFloat(), tau);
    }
}
