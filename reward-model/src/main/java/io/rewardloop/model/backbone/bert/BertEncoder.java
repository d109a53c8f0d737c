package io.rewardloop.model.backbone.bert;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import io.rewardloop.model.backbone.BackboneException;
import io.rewardloop.model.backbone.NoGrad;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A post-LayerNorm BERT encoder on DJL's PyTorch engine, followed by {@link Pooling} and L2
 * normalisation: by default mean pooling over the attention mask (what sentence-transformers does
 * for all-MiniLM-L6-v2), or the {@code [CLS]} state (what BGE models use). Embeddings and pooling
 * run op by op; each transformer layer runs as its {@link LayerKernel} runs it: by default one
 * TorchScript module with fused attention ({@link ScriptedLayer}).
 *
 * <p>Weights live in one NDManager on the chosen device, float32, with no gradient attached. Every
 * call of {@link #embed} opens its own NDManager and closes it before returning. Not thread-safe:
 * one encoder per thread, or synchronize.
 */
public final class BertEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BertEncoder.class);
    private static final String ENGINE = "PyTorch";
    private static final float MASKED = -1e9f;

    /** Two sequences, one padded: runs every path of a layer once. */
    private static final PaddedBatch PROBE =
            PaddedBatch.of(
                    List.of(
                            new TokenSequence(new long[] {0, 0}, new long[2]),
                            new TokenSequence(new long[] {0}, new long[1])));

    private final BertConfig config;
    private final EncoderLayer layer;
    private final Pooling pooling;
    private final NDManager weights;
    private final Map<String, NDArray> params = new HashMap<>();
    private final List<LayerWeights> layerWeights = new ArrayList<>();

    private BertEncoder(BertConfig config, EncoderLayer layer, Pooling pooling, NDManager weights) {
        this.config = config;
        this.layer = layer;
        this.pooling = pooling;
        this.weights = weights;
    }

    /**
     * Loads weights onto a device with the {@link LayerKernel#SCRIPTED} layers, or, if this
     * libtorch cannot compile them, the {@link LayerKernel#EAGER} ones (logged as a warning); mean
     * pooling.
     *
     * @param source the weights
     * @param device the device, or null for the PyTorch engine's default (a GPU when present)
     * @return the encoder; close it to free the weights
     */
    public static BertEncoder create(BertWeights source, Device device) {
        return create(source, device, null, Pooling.MEAN);
    }

    /**
     * Loads weights onto a device with a chosen layer kernel; mean pooling.
     *
     * @param source the weights
     * @param device the device, or null for the PyTorch engine's default (a GPU when present)
     * @param kernel how transformer layers run
     * @return the encoder; close it to free the weights
     * @throws BackboneException when the kernel cannot be prepared on this libtorch
     */
    public static BertEncoder create(BertWeights source, Device device, LayerKernel kernel) {
        return create(source, device, Objects.requireNonNull(kernel, "kernel"), Pooling.MEAN);
    }

    /**
     * Loads weights onto a device with a chosen layer kernel and pooling.
     *
     * @param source the weights
     * @param device the device, or null for the PyTorch engine's default (a GPU when present)
     * @param kernel how transformer layers run; null for {@link LayerKernel#SCRIPTED} with the
     *     {@link LayerKernel#EAGER} fallback of {@link #create(BertWeights, Device)}
     * @param pooling how hidden states become one vector
     * @return the encoder; close it to free the weights
     * @throws BackboneException when a chosen kernel cannot be prepared on this libtorch
     */
    public static BertEncoder create(
            BertWeights source, Device device, LayerKernel kernel, Pooling pooling) {
        Device target = device == null ? Engine.getEngine(ENGINE).defaultDevice() : device;
        if (kernel != null) {
            return withLayer(source, target, kernel.open(source.config(), target), pooling);
        }
        try {
            BertEncoder scripted =
                    withLayer(
                            source,
                            target,
                            LayerKernel.SCRIPTED.open(source.config(), target),
                            pooling);
            try {
                scripted.embed(PROBE); // an op the script needs may compile yet fail to run
                return scripted;
            } catch (RuntimeException e) {
                scripted.close();
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.warn("Running the encoder op by op: {}", e.getMessage(), e);
            return withLayer(
                    source, target, LayerKernel.EAGER.open(source.config(), target), pooling);
        }
    }

    /** Loads weights onto a device for a prepared layer, which the encoder then owns. */
    static BertEncoder create(BertWeights source, Device device, EncoderLayer layer) {
        return withLayer(source, device, layer, Pooling.MEAN);
    }

    private static BertEncoder withLayer(
            BertWeights source, Device device, EncoderLayer layer, Pooling pooling) {
        BertEncoder encoder =
                new BertEncoder(
                        source.config(),
                        layer,
                        Objects.requireNonNull(pooling, "pooling"),
                        Engine.getEngine(ENGINE).newBaseManager(device));
        for (OnnxTensor tensor : source.tensors().values()) {
            encoder.params.put(
                    tensor.name(), encoder.weights.create(tensor.data(), new Shape(tensor.dims())));
        }
        for (int i = 0; i < source.config().layers(); i++) {
            LayerWeights loaded = LayerWeights.of(i, encoder::param);
            LayerWeights prepared = layer.prepare(loaded);
            encoder.layerWeights.add(prepared);
            NDList before = loaded.asList();
            NDList after = prepared.asList();
            for (int k = 0; k < before.size(); k++) {
                if (before.get(k) != after.get(k)) { // repacked: keep one copy in memory
                    encoder.params.values().remove(before.get(k));
                    before.get(k).close();
                }
            }
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
     * Returns how hidden states become one vector.
     *
     * @return the pooling
     */
    public Pooling pooling() {
        return pooling;
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
     * Encodes a padded batch into L2-normalised, pooled sentence embeddings.
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
        return NoGrad.call(
                () -> {
                    try (NDManager manager = weights.newSubManager()) {
                        float[] flat = pooled(manager, batch).toFloatArray();
                        float[][] rows = new float[batch.size()][config.hiddenSize()];
                        for (int i = 0; i < rows.length; i++) {
                            System.arraycopy(flat, i * rows[i].length, rows[i], 0, rows[i].length);
                        }
                        return rows;
                    }
                });
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
        NDArray pooled;
        if (pooling == Pooling.CLS) {
            pooled = x.get(new NDIndex(":, 0"));
        } else {
            NDArray sum = x.mul(mask.expandDims(2)).sum(new int[] {1});
            pooled = sum.div(mask.sum(new int[] {1}, true).clip(1e-9f, Float.MAX_VALUE));
        }
        return pooled.normalize(2, 1, 1e-12);
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
