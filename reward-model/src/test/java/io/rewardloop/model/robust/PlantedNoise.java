package io.rewardloop.model.robust;

import io.rewardloop.model.heads.PairSet;
import java.util.Arrays;
import java.util.Random;

/**
 * Pairs labelled by a linear utility with logistic noise, then a planted mislabelled subset: the
 * labels of the pairs with the clearest true preference are swapped, so a good strength estimate
 * ranks exactly those pairs lowest.
 */
final class PlantedNoise {

    final PairSet pairs;
    final boolean[] planted;

    PlantedNoise(int n, int d, int plantedCount, long seed) {
        Random random = new Random(seed);
        double[] utility = new double[d];
        for (int j = 0; j < d; j++) {
            utility[j] = random.nextGaussian();
        }
        float[][] prompts = new float[n][];
        float[][] chosen = new float[n][];
        float[][] rejected = new float[n][];
        double[] clarity = new double[n];
        for (int i = 0; i < n; i++) {
            float[] a = gaussian(random, d);
            float[] b = gaussian(random, d);
            double margin = dot(utility, a) - dot(utility, b);
            boolean aWins = random.nextDouble() < 1 / (1 + Math.exp(-margin));
            prompts[i] = gaussian(random, d);
            chosen[i] = aWins ? a : b;
            rejected[i] = aWins ? b : a;
            clarity[i] = aWins == margin > 0 ? Math.abs(margin) : 0;
        }
        double[] sorted = clarity.clone();
        Arrays.sort(sorted);
        double threshold = sorted[n - plantedCount];
        planted = new boolean[n];
        for (int i = 0; i < n; i++) {
            planted[i] = clarity[i] >= threshold;
        }
        pairs =
                PairSet.builder()
                        .setPrompts(prompts)
                        .setResponses(chosen, rejected)
                        .build()
                        .flipped(planted);
    }

    /** The share of the {@code k} lowest-strength pairs that were planted. */
    double recall(StrengthEstimate estimate, int k) {
        int[] order = estimate.ascending();
        int found = 0;
        for (int i = 0; i < k; i++) {
            found += planted[order[i]] ? 1 : 0;
        }
        return found / (double) k;
    }

    private static float[] gaussian(Random random, int d) {
        float[] v = new float[d];
        for (int j = 0; j < d; j++) {
            v[j] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double dot(double[] w, float[] x) {
        double s = 0;
        for (int j = 0; j < w.length; j++) {
            s += w[j] * x[j];
        }
        return s;
    }
}
