package io.rewardloop.model.training;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.heads.PolicySamples;
import java.util.ArrayList;
import java.util.List;

/** Embeds unlabelled policy responses, grouped by prompt, into MetaRM's {@link PolicySamples}. */
public final class PolicyFeatures {

    private PolicyFeatures() {}

    /**
     * Embeds the groups with the frozen backbone: {@code h_x} once per group (from its first row)
     * and {@code h_y} of every response, with the response lengths in characters.
     *
     * @param groups per prompt, at least two (prompt, response) rows sharing that prompt
     * @param backbone the backbone the model trains on
     * @param progress told as embedding proceeds (counted in backbone rows)
     * @return the policy samples
     */
    public static PolicySamples embed(
            List<List<PromptResponse>> groups, Backbone backbone, EmbeddingProgress progress) {
        List<PromptResponse> rows = new ArrayList<>();
        groups.forEach(rows::addAll);
        Features features = ChunkedEmbedding.embed(backbone, rows, progress);
        float[][] prompts = new float[groups.size()][];
        float[][][] responses = new float[groups.size()][][];
        int[][] lengths = new int[groups.size()][];
        int row = 0;
        for (int g = 0; g < groups.size(); g++) {
            List<PromptResponse> group = groups.get(g);
            prompts[g] = features.promptFeatures()[row];
            responses[g] = new float[group.size()][];
            lengths[g] = new int[group.size()];
            for (int i = 0; i < group.size(); i++) {
                responses[g][i] = features.responseFeatures()[row++];
                lengths[g][i] = group.get(i).response().length();
            }
        }
        return new PolicySamples(prompts, responses, lengths);
    }
}
