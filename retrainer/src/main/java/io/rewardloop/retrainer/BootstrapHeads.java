package io.rewardloop.retrainer;

import io.rewardloop.model.heads.BradleyTerryHead;
import io.rewardloop.model.heads.HeadFit;
import io.rewardloop.model.heads.PairSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * M linear Bradley-Terry heads on backbone features, each fit on a seeded bootstrap resample of the
 * same pairs with one L2 (chosen once on all of them), as {@link
 * io.rewardloop.model.robust.PreferenceStrength} fits its ensemble. Where the heads agree on the
 * pairs they were fit on but disagree on live responses, the responses have moved where the
 * training data did not pin the reward down (METHODS.md section 3, ensemble disagreement).
 */
final class BootstrapHeads {

    private final List<HeadFit> heads;

    private BootstrapHeads(List<HeadFit> heads) {
        this.heads = heads;
    }

    /**
     * Fits the heads.
     *
     * @param pairs the pairs' features
     * @param members M, at least 2
     * @param seed the seed of the resamples and of the L2 choice
     * @return the heads
     */
    static BootstrapHeads fit(PairSet pairs, int members, long seed) {
        BradleyTerryHead fitter = BradleyTerryHead.builder().optSeed(seed).build();
        double l2 = fitter.fit(pairs).regularization();
        int n = pairs.size();
        List<HeadFit> heads = new ArrayList<>(members);
        for (int m = 0; m < members; m++) {
            Random random = new Random(seed * 31 + m);
            int[] resample = new int[n];
            for (int i = 0; i < n; i++) {
                resample[i] = random.nextInt(n);
            }
            heads.add(fitter.fitAt(pairs, resample, l2));
        }
        return new BootstrapHeads(List.copyOf(heads));
    }

    /**
     * Every head's reward of one response.
     *
     * @param response the response feature
     * @return one reward per head
     */
    double[] rewards(float[] response) {
        double[] rewards = new double[heads.size()];
        for (int h = 0; h < rewards.length; h++) {
            rewards[h] = heads.get(h).score(response);
        }
        return rewards;
    }
}
