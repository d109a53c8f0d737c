package io.rewardloop.model.training;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.backbone.Truncation;
import java.util.ArrayList;
import java.util.List;

/** Embeds a long list in chunks, so progress can be reported while it runs. */
public final class ChunkedEmbedding {

    private static final int CHUNK = 256;

    private ChunkedEmbedding() {}

    /**
     * Embeds every pair, in order.
     *
     * @param backbone the backbone
     * @param inputs the pairs
     * @param progress told after every chunk
     * @return the features of all pairs
     */
    public static Features embed(
            Backbone backbone, List<PromptResponse> inputs, EmbeddingProgress progress) {
        int n = inputs.size();
        float[][] responses = new float[n][];
        float[][] prompts = new float[n][];
        List<Truncation> truncations = new ArrayList<>(n);
        int[] tokens = new int[n];
        long start = System.nanoTime();
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            Features chunk = backbone.embed(inputs.subList(from, to));
            System.arraycopy(chunk.responseFeatures(), 0, responses, from, to - from);
            System.arraycopy(chunk.promptFeatures(), 0, prompts, from, to - from);
            System.arraycopy(chunk.tokenCounts(), 0, tokens, from, to - from);
            truncations.addAll(chunk.truncations());
            progress.onProgress(to, n, System.nanoTime() - start);
        }
        return new Features(responses, prompts, truncations, tokens);
    }
}
