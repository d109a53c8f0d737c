package io.rewardloop.model.artifact;

import io.rewardloop.model.heads.Debiasing;
import io.rewardloop.model.heads.GatingWeights;
import io.rewardloop.model.heads.LengthFeature;
import io.rewardloop.model.heads.ObjectiveHeads;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.RewardModel;
import java.util.Random;

/** Reward models with random weights, for serialization tests (no training needed). */
final class TestModels {

    private TestModels() {}

    /** K learned objectives plus, when asked, a length objective; 3 hidden layers of width h. */
    static RewardModel random(int d, int h, int learned, boolean withLength, long seed) {
        Random random = new Random(seed);
        ObjectiveSet.Builder names = ObjectiveSet.builder();
        for (int i = 0; i < learned; i++) {
            names.add("objective-" + i);
        }
        if (withLength) {
            names.addLength("length");
        }
        ObjectiveSet objectives = names.build();
        int k = objectives.size();
        float[][] w = new float[k][];
        for (int i = 0; i < k; i++) {
            w[i] = values(random, d, withLength && i == k - 1 ? 0 : 0.1);
        }
        Debiasing debiasing = Debiasing.none(k);
        LengthFeature length = null;
        if (withLength) {
            double[] lambdas = new double[k];
            lambdas[0] = 0.075;
            lambdas[k - 1] = 1.0;
            debiasing = new Debiasing(k - 1, lambdas);
            length = new LengthFeature(4.123456789, 0.777, 0.31);
        }
        int[] sizes = {d, h, h, h, k};
        float[][] weights = new float[4][];
        float[][] biases = new float[4][];
        for (int layer = 0; layer < 4; layer++) {
            weights[layer] = values(random, sizes[layer] * sizes[layer + 1], 0.1);
            biases[layer] = values(random, sizes[layer + 1], 0.1);
        }
        GatingWeights gating = new GatingWeights(sizes, weights, biases, 1.2345678f, 10f);
        return new RewardModel(new ObjectiveHeads(objectives, w, debiasing, length), gating);
    }

    static float[] values(Random random, int n, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (scale * random.nextGaussian());
        }
        return out;
    }
}
