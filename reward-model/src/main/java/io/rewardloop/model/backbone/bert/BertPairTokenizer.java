package io.rewardloop.model.backbone.bert;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.rewardloop.model.backbone.BackboneException;
import io.rewardloop.model.backbone.TruncationPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds BERT encodings with an explicit truncation policy. Texts are tokenized without special
 * tokens, truncation or padding (overriding what the tokenizer json asks for), then assembled as
 * BERT does: {@code [CLS] prompt [SEP] response [SEP]} with segment ids 0 then 1 for a pair, and
 * {@code [CLS] prompt [SEP]} for a prompt alone. Cutting token lists rather than text keeps the
 * policy exact; the result equals the tokenizer's own pair encoding when nothing is cut.
 */
public final class BertPairTokenizer implements AutoCloseable {

    /** Special tokens in a pair encoding: CLS and two SEPs. */
    public static final int PAIR_SPECIAL_TOKENS = 3;

    /** Special tokens in a single encoding: CLS and SEP. */
    public static final int SINGLE_SPECIAL_TOKENS = 2;

    private final HuggingFaceTokenizer tokenizer;
    private final long cls;
    private final long sep;

    private BertPairTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        long[] empty = tokenizer.encode("", true, false).getIds();
        if (empty.length != SINGLE_SPECIAL_TOKENS) {
            tokenizer.close();
            throw new BackboneException(
                    "Not a BERT tokenizer: an empty text encodes to " + Arrays.toString(empty));
        }
        this.cls = empty[0];
        this.sep = empty[1];
    }

    /**
     * Loads a Hugging Face {@code tokenizer.json}.
     *
     * @param json the tokenizer json
     * @return the tokenizer; close it to free its native memory
     * @throws IOException when the json cannot be read or parsed
     */
    public static BertPairTokenizer load(InputStream json) throws IOException {
        Map<String, String> options =
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
        return new BertPairTokenizer(HuggingFaceTokenizer.newInstance(json, options));
    }

    /**
     * Tokenizes texts without special tokens and without truncation.
     *
     * @param texts the texts
     * @return the token ids of each text
     */
    public long[][] tokenize(List<String> texts) {
        if (texts.isEmpty()) {
            return new long[0][];
        }
        Encoding[] encodings = tokenizer.batchEncode(texts, false, false);
        long[][] ids = new long[encodings.length][];
        for (int i = 0; i < encodings.length; i++) {
            ids[i] = encodings[i].getIds();
        }
        return ids;
    }

    /**
     * Assembles a pair encoding: the last {@code split.promptTokens()} prompt tokens and the first
     * {@code split.responseTokens()} response tokens.
     *
     * @param prompt the prompt's token ids
     * @param response the response's token ids
     * @param split how much of each to keep
     * @return the encoded pair
     */
    public TokenSequence pair(long[] prompt, long[] response, TruncationPolicy.Split split) {
        int p = split.promptTokens();
        int r = split.responseTokens();
        long[] ids = new long[p + r + PAIR_SPECIAL_TOKENS];
        long[] types = new long[ids.length];
        ids[0] = cls;
        System.arraycopy(prompt, prompt.length - p, ids, 1, p);
        ids[p + 1] = sep;
        System.arraycopy(response, 0, ids, p + 2, r);
        ids[ids.length - 1] = sep;
        Arrays.fill(types, p + 2, types.length, 1L);
        return new TokenSequence(ids, types);
    }

    /**
     * Assembles a single encoding of the last {@code keep} prompt tokens.
     *
     * @param prompt the prompt's token ids
     * @param keep how many of its final tokens to keep
     * @return the encoded prompt
     */
    public TokenSequence single(long[] prompt, int keep) {
        long[] ids = new long[keep + SINGLE_SPECIAL_TOKENS];
        ids[0] = cls;
        System.arraycopy(prompt, prompt.length - keep, ids, 1, keep);
        ids[ids.length - 1] = sep;
        return new TokenSequence(ids, new long[ids.length]);
    }

    /**
     * Returns the tokenizer's own encoding of a pair, special tokens included, untruncated: the
     * reference that {@link #pair} must reproduce.
     *
     * @param prompt the first text
     * @param response the second text
     * @return the encoding
     */
    public TokenSequence reference(String prompt, String response) {
        Encoding encoding = tokenizer.encode(prompt, response, true, false);
        return new TokenSequence(encoding.getIds(), encoding.getTypeIds());
    }

    /** Frees the native tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
    }
}
