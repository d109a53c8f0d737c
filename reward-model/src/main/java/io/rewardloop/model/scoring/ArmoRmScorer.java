package io.rewardloop.model.scoring;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.heads.Reward;
import io.rewardloop.model.heads.RewardModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@link RewardScorer}: a frozen backbone turns (prompt, response) into features, and the
 * ArmoRM heads turn features into per-objective rewards, gating weights and a score. The backbone
 * is shared between versions (a new version only brings new heads), so this class does not own it
 * and {@link #close()} leaves it open. Not thread-safe: the backbone is not.
 */
public final class ArmoRmScorer implements RewardScorer {

    private final String version;
    private final RewardModel model;
    private final Backbone backbone;

    /**
     * Creates a scorer.
     *
     * @param version the model version its outputs name
     * @param model the trained heads
     * @param backbone the backbone the heads were trained on (not owned)
     */
    public ArmoRmScorer(String version, RewardModel model, Backbone backbone) {
        this.version = version;
        this.model = model;
        this.backbone = backbone;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int maxSequenceTokens() {
        return backbone.maxSequenceTokens();
    }

    @Override
    public List<String> objectives() {
        return model.objectives().names();
    }

    @Override
    public List<MultiObjectiveReward> score(List<PromptResponse> batch) {
        Features features = backbone.embed(batch);
        Reward[] rewards =
                model.score(
                        features.promptFeatures(),
                        features.responseFeatures(),
                        responseLengths(batch));
        List<MultiObjectiveReward> out = new ArrayList<>(rewards.length);
        for (int i = 0; i < rewards.length; i++) {
            Reward r = rewards[i];
            out.add(
                    new MultiObjectiveReward(
                            r.raw(),
                            r.debiased(),
                            r.gating(),
                            r.score(),
                            features.truncations().get(i)));
        }
        return out;
    }

    /**
     * The response lengths the length objective reads: characters of the response text, the unit
     * training uses too.
     *
     * @param batch the pairs
     * @return one length per pair
     */
    public static int[] responseLengths(List<PromptResponse> batch) {
        int[] lengths = new int[batch.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = batch.get(i).response().length();
        }
        return lengths;
    }

    @Override
    public void close() {
        // the backbone is shared across model versions; its owner closes it
    }
}
