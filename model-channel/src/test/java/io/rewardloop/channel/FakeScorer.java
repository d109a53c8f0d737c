package io.rewardloop.channel;

import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.backbone.Truncation;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.model.scoring.RewardScorer;
import java.util.ArrayList;
import java.util.List;

/** A stand-in model: reward = response length, one objective. */
final class FakeScorer implements RewardScorer {

    private final String version;

    FakeScorer(String version) {
        this.version = version;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> objectives() {
        return List.of("length");
    }

    @Override
    public List<MultiObjectiveReward> score(List<PromptResponse> batch) {
        List<MultiObjectiveReward> out = new ArrayList<>();
        for (PromptResponse pair : batch) {
            double length = pair.response().length();
            out.add(
                    new MultiObjectiveReward(
                            new double[] {length},
                            new double[] {length},
                            new double[] {1},
                            length,
                            Truncation.NONE));
        }
        return out;
    }

    @Override
    public void close() {}
}
