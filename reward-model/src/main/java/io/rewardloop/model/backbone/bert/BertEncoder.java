package io.rewardloop.model.backbone.bert;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.pytorch.jni.JniUtils;
import io.rewardloop.model.backbone.BackboneException;
import java.util.HashMap;
import java.util.Map;

/**
 * A post-LayerNorm BERT encoder run op by op on DJL's PyTorch engine, followed by mean pooling over
 * the attention mask and L2 normalisation (what sentence-transformers does for all-MiniLM-L6-v2).
 * Built from fused ops: {@link Linear#linear} (one GEMM with its bias), {@link Activation#gelu}
 * (exact, erf-based), {@link LayerNorm#layerNorm}, {@link Embedding#embedding}; query, key and
 * value share one GEMM.
 *
 * <p>Weights live in one NDManager on the chosen device, float32, with no gradient attached. Every
 * call of {@link #embed} opens its own NDManager and closes it before returning. Not thread-safe:
 * one encoder per thread, or synchronize.
 */
public final class BertEncoder implements AutoCloseable {

    private static final String ENGINE = "PyTorch";
    private static final float MASKED = -1e9f;

    private final BertConfig config;
    private final MatMulKernel kernel;
    private final NDManager weights;
    private final Map<String, NDArray> params = new HashMap<>();

    private BertEncoder(BertConfig config, MatMulKernel kernel, NDManager weights) {
        this.config = config;
        this.kernel = kernel;
        this.weights = weights;
    }

    /**
     * Loads weights onto a device, with the dense-layer kernel that suits it.
     *
     * @param source the weights
     * @param device the device, or null for the PyTorch engine's default (a GPU when present)
     * @return the encoder; close it to free the weights
     */
    public static BertEncoder create(BertWeights source, Device device) {
        Device target = device == null ? Engine.getEngine(ENGINE).defaultDevice() : device;
        return create(source, target, MatMulKernel.forDevice(target));
    }

    /**
     * Loads weights onto a device, with a chosen dense-layer kernel.
     *
     * @param source the weights
     * @param device the device, or null for the PyTorch engine's default (a GPU when present)
     * @param kernel how dense layers run
     * @return the encoder; close it to free the weights
     */
    public static BertEncoder create(BertWeights source, Device device, MatMulKernel kernel) {
        Engine engine = Engine.getEngine(ENGINE);
        Device target = device == null ? engine.defaultDevice() : device;
        BertEncoder encoder =
                new BertEncoder(source.config(), kernel, engine.newBaseManager(target));
        for (OnnxTensor tensor : source.tensors().values()) {
            Shape shape = new Shape(tensor.dims());
            if (tensor.name().startsWith("layer.") && tensor.dims().length == 2) {
                shape = kernel.weightShape(tensor.dims()[0], tensor.dims()[1]);
            }
            encoder.params.put(tensor.name(), encoder.weights.create(tensor.data(), shape));
        }
        return encoder;
    }

    /**
     * Returns the encoder's shape.
     *
     * @return the config
     */
    public BertConfig config() {
        return config;
    }

    /**
     * Returns the device the weights live on.
     *
     * @return the device
     */
    public Device device() {
        return weights.getDevice();
    }

    /**
     * Encodes a padded batch into L2-normalised, mean-pooled sentence embeddings.
     *
     * @param batch the token ids; every sequence at most {@link BertConfig#maxPositions()} long
     * @return one row of {@link BertConfig#hiddenSize()} floats per sequence
     */
    public float[][] embed(PaddedBatch batch) {
        if (batch.length() > config.maxPositions()) {
            throw new BackboneException(
                    "Sequence of "
                            + batch.length()
                            + " tokens exceeds the "
                            + config.maxPositions()
                            + " positions of the model");
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager manager = weights.newSubManager()) {
            float[] flat = pooled(manager, batch).toFloatArray();
            float[][] rows = new float[batch.size()][config.hiddenSize()];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(flat, i * rows[i].length, rows[i], 0, rows[i].length);
            }
            return rows;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Returns the pooled, normalised embeddings {@code [size, hidden]} under {@code manager}. */
    private NDArray pooled(NDManager manager, PaddedBatch batch) {
        Shape shape = new Shape(batch.size(), batch.length());
        NDArray mask = manager.create(batch.mask(), shape).toType(DataType.FLOAT32, false);
        NDArray x = embeddings(manager, batch, shape);
        // Batches of equal lengths (the batcher sorts by length) need no mask in attention.
        NDArray bias =
                hasPadding(batch)
                        ? mask.sub(1f).mul(-MASKED).reshape(batch.size(), 1, 1, batch.length())
                        : null;
        for (int i = 0; i < config.layers(); i++) {
            try (NDManager scope = manager.newSubManager()) {
                x.attach(scope); // the old hidden state is freed with the scope
                NDArray next = layer(i, x, bias, batch.size(), batch.length());
                next.attach(manager);
                x = next;
            }
        }
        NDArray hidden = x.reshape(batch.size(), batch.length(), config.hiddenSize());
        NDArray sum = hidden.mul(mask.expandDims(2)).sum(new int[] {1});
        NDArray count = mask.sum(new int[] {1}, true).clip(1e-9f, Float.MAX_VALUE);
        return sum.div(count).normalize(2, 1, 1e-12);
    }

    /** Word + position + segment embeddings, LayerNorm; returns {@code [size * length, hidden]}. */
    private NDArray embeddings(NDManager manager, PaddedBatch batch, Shape shape) {
        NDArray ids = manager.create(batch.ids(), shape);
        NDArray types = manager.create(batch.typeIds(), shape);
        NDArray words = lookup(ids, param("embeddings.word"));
        NDArray segments = lookup(types, param("embeddings.type"));
        // Slicing under the batch manager: a view attached to the weights' would outlive the call.
        NDArray positions =
                param("embeddings.position").get(manager, new NDIndex("0:{}", batch.length()));
        NDArray sum = words.add(segments).add(positions);
        return norm(sum, "embeddings.norm").reshape(-1, config.hiddenSize());
    }

    /** One transformer layer on {@code x [size * length, hidden]}; {@code maskBias} may be null. */
    private NDArray layer(int i, NDArray x, NDArray maskBias, int size, int length) {
        String p = "layer." + i + ".";
        int heads = config.heads();
        NDArray qkv =
                dense(x, p + "qkv", size, length)
                        .reshape(size, length, 3, heads, config.headSize())
                        .transpose(2, 0, 3, 1, 4);
        NDArray scores = qkv.get(0).matMul(qkv.get(1).transpose(0, 1, 3, 2));
        if (maskBias != null) {
            scores = scores.add(maskBias);
        }
        NDArray context =
                scores.softmax(-1)
                        .matMul(qkv.get(2))
                        .transpose(0, 2, 1, 3)
                        .reshape(-1, config.hiddenSize());
        NDArray attended =
                norm(
                        dense(context, p + "attention_out", size, length).add(x),
                        p + "attention_norm");
        NDArray inner = Activation.gelu(dense(attended, p + "intermediate", size, length));
        return norm(dense(inner, p + "output", size, length).add(attended), p + "output_norm");
    }

    private static boolean hasPadding(PaddedBatch batch) {
        for (long m : batch.mask()) {
            if (m == 0) {
                return true;
            }
        }
        return false;
    }

    private NDArray dense(NDArray x, String name, int size, int length) {
        return kernel.apply(x, param(name + ".weight"), param(name + ".bias"), size, length);
    }

    private NDArray norm(NDArray x, String name) {
        Shape normalized = new Shape(config.hiddenSize());
        return LayerNorm.layerNorm(
                        x,
                        normalized,
                        param(name + ".weight"),
                        param(name + ".bias"),
                        config.layerNormEps())
                .singletonOrThrow();
    }

    private static NDArray lookup(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private NDArray param(String name) {
        NDArray array = params.get(name);
        if (array == null) {
            throw new BackboneException("Missing encoder weight " + name);
        }
        return array;
    }

    /** The number of NDArrays the weights' manager holds: constant unless something leaks. */
    int managedArrays() {
        return weights.getManagedArrays().size();
    }

    /** Frees the weights. */
    @Override
    public void close() {
        weights.close();
    }
}
