package io.rewardloop.model.backbone.bert;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.pytorch.jni.JniUtils;
import io.rewardloop.model.backbone.BackboneException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A post-LayerNorm BERT encoder on DJL's PyTorch engine, followed by mean pooling over the
 * attention mask and L2 normalisation (what sentence-transformers does for all-MiniLM-L6-v2).
 * Embeddings and pooling run op by op; each transformer layer runs as its {@link LayerKernel} runs
 * it: by default one TorchScript module with fused attention ({@link ScriptedLayer}).
 *
 * <p>Weights live in one NDManager on the chosen device, float32, with no gradient attached. Every
 * call of {@link #embed} opens its own NDManager and closes it before returning. Not thread-safe:
 * one encoder per thread, or synchronize.
 */
public final class BertEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BertEncoder.class);
    private static final String ENGINE = "PyTorch";
    private static final float MASKED = -1e9f;

    private final BertConfig config;
    private final EncoderLayer layer;
    private final NDManager weights;
    private final Map<String, NDArray> params = new HashMap<>();
    private final List<LayerWeights> layerWeights = new ArrayList<>();

    private BertEncoder(BertConfig config, EncoderLayer layer, NDManager weights) {
        this.config = config;
        this.layer = layer;
        this.weights = weights;
    }

    /**
     * Loads weights onto a device with the {@link LayerKernel#SCRIPTED} layers, or, if this
     * libtorch cannot compile them, the {@link LayerKernel#EAGER} ones (logged as a warning).
     *
     * @param source the weights
     * @param device the device, or null for the PyTorch engine's default (a GPU when present)
     * @return the encoder; close it to free the weights
     */
    public static BertEncoder create(BertWeights source, Device device) {
        Device target = device == null ? Engine.getEngine(ENGINE).defaultDevice() : device;
        EncoderLayer layer;
        try {
            layer = LayerKernel.SCRIPTED.open(source.config(), target);
        } catch (BackboneException e) {
            LOG.warn("Running the encoder op by op: {}", e.getMessage(), e);
            layer = LayerKernel.EAGER.open(source.config(), target);
        }
        return create(source, target, layer);
    }

    /**
     * Loads weights onto a device with a chosen layer kernel.
     *
     * @param source the weights
     * @param device the device, or null for the PyTorch engine's default (a GPU when present)
     * @param kernel how transformer layers run
     * @return the encoder; close it to free the weights
     * @throws BackboneException when the kernel cannot be prepared on this libtorch
     */
    public static BertEncoder create(BertWeights source, Device device, LayerKernel kernel) {
        Device target = device == null ? Engine.getEngine(ENGINE).defaultDevice() : device;
        return create(source, target, kernel.open(source.config(), target));
    }

    /** Loads weights onto a device for a prepared layer, which the encoder then owns. */
    static BertEncoder create(BertWeights source, Device device, EncoderLayer layer) {
        BertEncoder encoder =
                new BertEncoder(
                        source.config(), layer, Engine.getEngine(ENGINE).newBaseManager(device));
        for (OnnxTensor tensor : source.tensors().values()) {
            encoder.params.put(
                    tensor.name(), encoder.weights.create(tensor.data(), new Shape(tensor.dims())));
        }
        for (int i = 0; i < source.config().layers(); i++) {
            encoder.layerWeights.add(LayerWeights.of(i, encoder::param));
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
     * Returns how the transformer layers run.
     *
     * @return {@link LayerKernel#SCRIPTED} or {@link LayerKernel#EAGER}
     */
    public LayerKernel layerKernel() {
        return layer instanceof ScriptedLayer ? LayerKernel.SCRIPTED : LayerKernel.EAGER;
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
                NDArray next = layer.apply(x, layerWeights.get(i), bias);
                next.attach(manager);
                x = next;
            }
        }
        NDArray sum = x.mul(mask.expandDims(2)).sum(new int[] {1});
        NDArray count = mask.sum(new int[] {1}, true).clip(1e-9f, Float.MAX_VALUE);
        return sum.div(count).normalize(2, 1, 1e-12);
    }

    /** Word + position + segment embeddings, LayerNorm; returns {@code [size, length, hidden]}. */
    private NDArray embeddings(NDManager manager, PaddedBatch batch, Shape shape) {
        NDArray ids = manager.create(batch.ids(), shape);
        NDArray types = manager.create(batch.typeIds(), shape);
        NDArray words = lookup(ids, param("embeddings.word"));
        NDArray segments = lookup(types, param("embeddings.type"));
        // Slicing under the batch manager: a view attached to the weights' would outlive the call.
        NDArray positions =
                param("embeddings.position").get(manager, new NDIndex("0:{}", batch.length()));
        NDArray sum = words.add(segments).add(positions);
        return LayerNorm.layerNorm(
                        sum,
                        new Shape(config.hiddenSize()),
                        param("embeddings.norm.weight"),
                        param("embeddings.norm.bias"),
                        config.layerNormEps())
                .singletonOrThrow();
    }

    private static boolean hasPadding(PaddedBatch batch) {
        for (long m : batch.mask()) {
            if (m == 0) {
                return true;
            }
        }
        return false;
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

    /** Frees the weights and the layer kernel. */
    @Override
    public void close() {
        weights.close();
        layer.close();
    }
}
