package io.rewardloop.scorer;

import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.backbone.Truncation;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.model.scoring.RewardScorer;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in reward model for the scorer's unit tests: reward = response length, so tests can
 * predict every number. The real model is tested in reward-model and used by the scorer's ITs.
 */
public final class StubScorer implements RewardScorer {

    private final String version;
    private final String failOn;
    private final int maxSequenceTokens;

    /** The size of every batch scored, in order. */
    public final List<Integer> batchSizes = new ArrayList<>();

    /** A scorer that never fails. */
    public StubScorer(String version) {
        this(version, null);
    }

    /** A scorer that throws on any batch holding a response equal to {@code failOn}. */
    public StubScorer(String version, String failOn) {
        this(version, failOn, Integer.MAX_VALUE);
    }

    /** A scorer that says it cuts every pair to {@code maxSequenceTokens}. */
    public StubScorer(String version, int maxSequenceTokens) {
        this(version, null, maxSequenceTokens);
    }

    private StubScorer(String version, String failOn, int maxSequenceTokens) {
        this.version = version;
        this.failOn = failOn;
        this.maxSequenceTokens = maxSequenceTokens;
    }

    @Override
    public int maxSequenceTokens() {
        return maxSequenceTokens;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> objectives() {
        return List.of("helpfulness", "length");
    }

    @Override
    public List<MultiObjectiveReward> score(List<PromptResponse> batch) {
        batchSizes.add(batch.size());
        List<MultiObjectiveReward> rewards = new ArrayList<>();
        for (PromptResponse pair : batch) {
            if (pair.response().equals(failOn)) {
                throw new IllegalStateException("model failed on " + failOn);
            }
            double length = pair.response().length();
            rewards.add(
                    new MultiObjectiveReward(
                            new double[] {length, 1},
                            new double[] {length - 1, 0},
                            new double[] {0.75, 0.25},
                            0.75 * (length - 1),
                            Truncation.NONE));
        }
        return rewards;
    }

    @Override
    public void close() {}
}
