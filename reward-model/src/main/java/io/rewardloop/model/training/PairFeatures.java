package io.rewardloop.model.training;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.data.PreferencePair;
import java.util.ArrayList;
import java.util.List;

/**
 * The backbone features of preference pairs: {@code h_x} of each prompt and {@code h_y} of both
 * sides, with the response lengths (in characters) the length objective reads.
 *
 * @param prompts {@code h_x} per pair
 * @param chosen {@code h_y} of each chosen response
 * @param rejected {@code h_y} of each rejected response
 * @param chosenLengths characters of each chosen response
 * @param rejectedLengths characters of each rejected response
 */
public record PairFeatures(
        float[][] prompts,
        float[][] chosen,
        float[][] rejected,
        int[] chosenLengths,
        int[] rejectedLengths) {

    /**
     * Embeds the pairs: each pair costs two backbone rows, (prompt, chosen) and (prompt, rejected).
     *
     * @param pairs the pairs
     * @param backbone the backbone
     * @param progress told as embedding proceeds (counted in backbone rows)
     * @return the features
     */
    public static PairFeatures embed(
            List<PreferencePair> pairs, Backbone backbone, EmbeddingProgress progress) {
        List<PromptResponse> rows = new ArrayList<>(2 * pairs.size());
        for (PreferencePair pair : pairs) {
            rows.add(new PromptResponse(pair.prompt(), pair.chosen()));
            rows.add(new PromptResponse(pair.prompt(), pair.rejected()));
        }
        Features features = ChunkedEmbedding.embed(backbone, rows, progress);
        int n = pairs.size();
        float[][] prompts = new float[n][];
        float[][] chosen = new float[n][];
        float[][] rejected = new float[n][];
        int[] chosenLengths = new int[n];
        int[] rejectedLengths = new int[n];
        for (int i = 0; i < n; i++) {
            prompts[i] = features.promptFeatures()[2 * i];
            chosen[i] = features.responseFeatures()[2 * i];
            rejected[i] = features.responseFeatures()[2 * i + 1];
            chosenLengths[i] = pairs.get(i).chosen().length();
            rejectedLengths[i] = pairs.get(i).rejected().length();
        }
        return new PairFeatures(prompts, chosen, rejected, chosenLengths, rejectedLengths);
    }
}
