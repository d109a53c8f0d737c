package io.rewardloop.model.backbone;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ModelException;
import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.rewardloop.common.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a {@link TorchScriptBackbone} in DJL's style: {@code set*} for the required model and
 * tokenizer paths, {@code opt*} for the rest, validation in {@link #build()}. Defaults: 4096 tokens
 * per conversation, at most 2048 prompt tokens when the response needs the room, batches of at most
 * 8192 padded tokens and 8 sequences, the tokenizer's special prefix added, the PyTorch engine's
 * default device.
 */
public final class TorchScriptBackboneBuilder {

    private Path modelPath;
    private Path tokenizerPath;
    private int maxTokens = 4096;
    private int maxPromptTokens = 2048;
    private int maxBatchTokens = 8192;
    private int maxBatchSize = 8;
    private boolean addSpecialTokens = true;
    private Device device;
    private String id;

    TorchScriptBackboneBuilder() {}

    /**
     * Sets the TorchScript file (required).
     *
     * @param path the {@code .pt} file written by {@code torch.jit.save}
     * @return this builder
     */
    public TorchScriptBackboneBuilder setModelPath(Path path) {
        this.modelPath = path;
        return this;
    }

    /**
     * Sets the Hugging Face {@code tokenizer.json} of the model (required).
     *
     * @param path the tokenizer json
     * @return this builder
     */
    public TorchScriptBackboneBuilder setTokenizerPath(Path path) {
        this.tokenizerPath = path;
        return this;
    }

    /**
     * Sets the most tokens of one conversation, special tokens included.
     *
     * @param maxTokens the limit
     * @return this builder
     */
    public TorchScriptBackboneBuilder optMaxTokens(int maxTokens) {
        this.maxTokens = maxTokens;
        return this;
    }

    /**
     * Sets the most prompt tokens kept when the response needs the room.
     *
     * @param maxPromptTokens the limit
     * @return this builder
     */
    public TorchScriptBackboneBuilder optMaxPromptTokens(int maxPromptTokens) {
        this.maxPromptTokens = maxPromptTokens;
        return this;
    }

    /**
     * Sets the most padded tokens of one internal batch.
     *
     * @param maxBatchTokens the budget; at least {@code maxTokens}
     * @return this builder
     */
    public TorchScriptBackboneBuilder optMaxBatchTokens(int maxBatchTokens) {
        this.maxBatchTokens = maxBatchTokens;
        return this;
    }

    /**
     * Sets the most sequences of one internal batch.
     *
     * @param maxBatchSize the limit
     * @return this builder
     */
    public TorchScriptBackboneBuilder optMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /**
     * Says whether to put the tokenizer's special prefix (e.g. {@code <|begin_of_text|>}) before
     * the prompt; disable it when the formatted prompt already starts with it.
     *
     * @param addSpecialTokens whether to add the prefix
     * @return this builder
     */
    public TorchScriptBackboneBuilder optAddSpecialTokens(boolean addSpecialTokens) {
        this.addSpecialTokens = addSpecialTokens;
        return this;
    }

    /**
     * Sets the device; by default the PyTorch engine's default (a GPU when one is usable).
     *
     * @param device the device
     * @return this builder
     */
    public TorchScriptBackboneBuilder optDevice(Device device) {
        this.device = device;
        return this;
    }

    /**
     * Sets the backbone id; by default the model file's name and the token limits.
     *
     * @param id the id
     * @return this builder
     */
    public TorchScriptBackboneBuilder optId(String id) {
        this.id = id;
        return this;
    }

    /**
     * Validates the settings, loads tokenizer and model, and runs one tiny forward pass to learn
     * the hidden size (and to fail now if the module breaks the input contract).
     *
     * @return the backbone
     * @throws ConfigException when a setting is missing or invalid
     * @throws NoSuchFileException when the model or tokenizer file does not exist
     * @throws IOException when a file cannot be read
     * @throws MalformedModelException when the model file is not a loadable TorchScript module
     * @throws ModelException when DJL cannot load the model otherwise
     */
    public TorchScriptBackbone build() throws IOException, ModelException {
        TruncationPolicy policy = validate();
        TokenBudgetBatcher batcher = new TokenBudgetBatcher(maxBatchTokens, maxBatchSize);
        requireFile(modelPath, "TorchScript model");
        requireFile(tokenizerPath, "tokenizer json");
        Map<String, String> options =
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerPath, options);
        TorchScriptBackbone backbone;
        try {
            long[] prefix = prefix(tokenizer);
            backbone =
                    new TorchScriptBackbone(
                            loadModel(), tokenizer, prefix, policy, batcher, backboneId());
        } catch (IOException | ModelException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        try {
            backbone.probe();
        } catch (RuntimeException e) {
            backbone.close();
            throw new MalformedModelException(
                    "TorchScript module " + modelPath + " breaks the input contract: " + e, e);
        }
        return backbone;
    }

    /** The special tokens put before every prompt; checks they leave room for a response. */
    private long[] prefix(HuggingFaceTokenizer tokenizer) {
        long[] prefix = addSpecialTokens ? tokenizer.encode("", true, false).getIds() : new long[0];
        if (maxPromptTokens >= maxTokens - prefix.length) {
            throw new ConfigException(
                    "maxPromptTokens="
                            + maxPromptTokens
                            + " leaves no room for a response after "
                            + prefix.length
                            + " special tokens in maxTokens="
                            + maxTokens);
        }
        return prefix;
    }

    private String backboneId() {
        if (id != null) {
            return id;
        }
        return modelPath.getFileName()
                + "/last-token/max"
                + maxTokens
                + "-prompt"
                + maxPromptTokens;
    }

    private ZooModel<NDList, NDList> loadModel() throws IOException, ModelException {
        Criteria<NDList, NDList> criteria =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(modelPath)
                        .optEngine("PyTorch")
                        .optDevice(device)
                        .optTranslator(new NoopTranslator())
                        .optOption("mapLocation", "true")
                        .build();
        try {
            return criteria.loadModel();
        } catch (EngineException e) {
            throw new MalformedModelException(
                    "Not a loadable TorchScript file: " + modelPath + " (" + e.getMessage() + ")",
                    e);
        }
    }

    private TruncationPolicy validate() {
        if (modelPath == null) {
            throw new ConfigException("modelPath is required: call setModelPath");
        }
        if (tokenizerPath == null) {
            throw new ConfigException("tokenizerPath is required: call setTokenizerPath");
        }
        if (maxPromptTokens < 1 || maxPromptTokens >= maxTokens - 1) {
            throw new ConfigException(
                    "maxPromptTokens=" + maxPromptTokens + " must be in [1, maxTokens - 1)");
        }
        if (maxBatchTokens < maxTokens || maxBatchSize < 1) {
            throw new ConfigException(
                    "need maxBatchTokens >= maxTokens and maxBatchSize >= 1, got maxBatchTokens="
                            + maxBatchTokens
                            + ", maxBatchSize="
                            + maxBatchSize);
        }
        return new TruncationPolicy(maxTokens, maxPromptTokens);
    }

    private static void requireFile(Path path, String what) throws NoSuchFileException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, what + " not found");
        }
    }
}
