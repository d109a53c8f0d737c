package io.rewardloop.model.backbone;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.rewardloop.model.backbone.bert.PaddedBatch;
import io.rewardloop.model.backbone.bert.TokenSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoder reward-model backbone (ArmoRM-Llama3-8B or any Hugging Face causal LM) exported to
 * TorchScript and run by DJL's PyTorch engine. See {@code reward-model/TORCHSCRIPT.md} for the
 * export.
 *
 * <p><b>Input contract of the TorchScript module:</b> {@code forward(input_ids, attention_mask)},
 * both {@code int64 [batch, tokens]}, sequences padded on the right (mask 0 on padding); it returns
 * the final hidden states {@code [batch, tokens, hidden]} (float32, float16 or bfloat16) as its
 * output or the first element of a tuple. The index of the last prompt token is computed here, from
 * the tokenization, and used by {@link HiddenStateSelector}: {@code h_y} is the hidden state of the
 * last token of the whole conversation, {@code h_x} the one at the last prompt token (ArmoRM's
 * definition). Right padding leaves both unchanged in a causal model.
 *
 * <p><b>Text contract:</b> pass prompt and response already formatted with the model's chat
 * template, the prompt ending with the token whose state gates (for ArmoRM, see TORCHSCRIPT.md),
 * the response ending with the end-of-turn token. The special tokens the tokenizer adds to a single
 * text (Llama-3: {@code <|begin_of_text|>}) are put before the prompt unless disabled. Truncation
 * follows {@link TruncationPolicy}.
 *
 * <p><b>Threading:</b> holds one DJL predictor, which is not thread-safe: one backbone per thread,
 * or synchronize calls to {@link #embed}.
 */
public final class TorchScriptBackbone implements Backbone {

    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final HuggingFaceTokenizer tokenizer;
    private final long[] prefix;
    private final TruncationPolicy policy;
    private final TokenBudgetBatcher batcher;
    private final String id;
    private int dimension;

    TorchScriptBackbone(
            ZooModel<NDList, NDList> model,
            HuggingFaceTokenizer tokenizer,
            long[] prefix,
            TruncationPolicy policy,
            TokenBudgetBatcher batcher,
            String id) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.tokenizer = tokenizer;
        this.prefix = prefix.clone();
        this.policy = policy;
        this.batcher = batcher;
        this.id = id;
    }

    /**
     * Returns a builder; model and tokenizer paths are required.
     *
     * @return a new builder
     */
    public static TorchScriptBackboneBuilder builder() {
        return new TorchScriptBackboneBuilder();
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
        return dimension;
    }

    /**
     * Returns the device the model runs on.
     *
     * @return the device
     */
    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** {@inheritDoc} */
    @Override
    public Features embed(List<PromptResponse> batch) {
        int n = batch.size();
        long[][] prompts = tokenize(batch.stream().map(PromptResponse::prompt).toList());
        long[][] responses = tokenize(batch.stream().map(PromptResponse::response).toList());
        List<TokenSequence> sequences = new ArrayList<>(n);
        List<Truncation> truncations = new ArrayList<>(n);
        int[] promptEnd = new int[n];
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            TruncationPolicy.Split split =
                    policy.pair(prompts[i].length, responses[i].length, prefix.length);
            TokenSequence sequence = concat(prompts[i], responses[i], split);
            promptEnd[i] = prefix.length + split.promptTokens() - 1;
            if (promptEnd[i] < 0) {
                throw new BackboneException(
                        "Pair " + i + " has an empty prompt and the tokenizer adds no prefix");
            }
            sequences.add(sequence);
            truncations.add(split.truncation());
            counts[i] = sequence.length();
        }
        float[][] hy = new float[n][];
        float[][] hx = new float[n][];
        int[] lengths = sequences.stream().mapToInt(TokenSequence::length).toArray();
        for (int[] indices : batcher.batches(lengths)) {
            forward(sequences, promptEnd, indices, hy, hx);
        }
        return new Features(hy, hx, truncations, counts);
    }

    private long[][] tokenize(List<String> texts) {
        long[][] ids = new long[texts.size()][];
        if (!texts.isEmpty()) {
            Encoding[] encodings = tokenizer.batchEncode(texts, false, false);
            for (int i = 0; i < ids.length; i++) {
                ids[i] = encodings[i].getIds();
            }
        }
        return ids;
    }

    /** {@code prefix ++ last prompt tokens ++ first response tokens}. */
    private TokenSequence concat(long[] prompt, long[] response, TruncationPolicy.Split split) {
        int p = split.promptTokens();
        int r = split.responseTokens();
        long[] ids = new long[prefix.length + p + r];
        System.arraycopy(prefix, 0, ids, 0, prefix.length);
        System.arraycopy(prompt, prompt.length - p, ids, prefix.length, p);
        System.arraycopy(response, 0, ids, prefix.length + p, r);
        return new TokenSequence(ids, new long[ids.length]);
    }

    /** Runs one internal batch and writes its rows into {@code hy}/{@code hx} by input index. */
    private void forward(
            List<TokenSequence> sequences,
            int[] promptEnd,
            int[] indices,
            float[][] hy,
            float[][] hx) {
        List<TokenSequence> members = new ArrayList<>(indices.length);
        int[] ends = new int[indices.length];
        int[] lasts = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            members.add(sequences.get(indices[j]));
            ends[j] = promptEnd[indices[j]];
            lasts[j] = sequences.get(indices[j]).length() - 1;
        }
        float[][][] features = run(PaddedBatch.of(members), ends, lasts);
        for (int j = 0; j < indices.length; j++) {
            hy[indices[j]] = features[0][j];
            hx[indices[j]] = features[1][j];
        }
    }

    /** Returns {@code [h_y rows, h_x rows]} for one padded batch. */
    float[][][] run(PaddedBatch batch, int[] promptEnd, int[] lastToken) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            Shape shape = new Shape(batch.size(), batch.length());
            NDList inputs =
                    new NDList(
                            manager.create(batch.ids(), shape),
                            manager.create(batch.mask(), shape));
            NDList outputs = predictor.predict(inputs);
            outputs.attach(manager);
            if (outputs.isEmpty()) {
                throw new BackboneException("The TorchScript module returned no output");
            }
            // Select the 2 rows per sequence first: converting all [batch, tokens, hidden] states
            // of a bf16 8B model to float32 would copy ~128 MB a batch of 8 x 1024.
            NDList selected = HiddenStateSelector.select(outputs.get(0), promptEnd, lastToken);
            return new float[][][] {rows(selected.get(0)), rows(selected.get(1))};
        } catch (TranslateException e) {
            throw new BackboneException("TorchScript forward pass failed: " + e.getMessage(), e);
        }
    }

    private static float[][] rows(NDArray matrix) {
        int cols = (int) matrix.getShape().get(1);
        float[] flat = matrix.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[flat.length / cols][cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * cols, rows[i], 0, cols);
        }
        return rows;
    }

    /** Learns the hidden size from one forward pass of the shortest possible sequence. */
    void probe() {
        long first = prefix.length > 0 ? prefix[0] : PaddedBatch.PAD_ID;
        PaddedBatch one =
                PaddedBatch.of(List.of(new TokenSequence(new long[] {first}, new long[1])));
        dimension = run(one, new int[] {0}, new int[] {0})[0][0].length;
    }

    /** Frees the predictor, the model and the tokenizer. */
    @Override
    public void close() {
        try (model;
                tokenizer) {
            predictor.close();
        }
    }
}
