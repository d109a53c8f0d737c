package io.rewardloop.model.heads;

import java.util.Random;

/**
 * Synthetic pairs whose true preference depends on the prompt's cluster: prompts come from two
 * clusters; in cluster 0 objective A (direction a) decides, in cluster 1 objective B (direction b).
 * Each pair names the objective that decided it, as HH-RLHF's helpful/harmless subsets do.
 */
final class SyntheticPreferences {

    final int dimension;
    final double[] a;
    final double[] b;
    final double[] centre0;
    final double[] centre1;
    final double sharpness;

    SyntheticPreferences(int dimension, double sharpness, long seed) {
        Random random = new Random(seed);
        this.dimension = dimension;
        this.sharpness = sharpness;
        this.a = unit(gaussian(random, dimension));
        this.b = unit(gaussian(random, dimension));
        this.centre0 = unit(gaussian(random, dimension));
        this.centre1 = unit(gaussian(random, dimension));
    }

    PairSet pairs(int n, long seed) {
        Random random = new Random(seed);
        float[][] prompts = new float[n][];
        float[][] chosen = new float[n][];
        float[][] rejected = new float[n][];
        int[] objectives = new int[n];
        for (int i = 0; i < n; i++) {
            int cluster = random.nextInt(2);
            double[] centre = cluster == 0 ? centre0 : centre1;
            double[] x = gaussian(random, dimension);
            for (int j = 0; j < dimension; j++) {
                x[j] = 2 * centre[j] + 0.5 * x[j] / Math.sqrt(dimension);
            }
            double[] y1 = gaussian(random, dimension);
            double[] y2 = gaussian(random, dimension);
            double[] direction = cluster == 0 ? a : b;
            double margin = sharpness * (dot(direction, y1) - dot(direction, y2));
            boolean firstWins = random.nextDouble() < 1 / (1 + Math.exp(-margin));
            prompts[i] = toFloat(x);
            chosen[i] = toFloat(firstWins ? y1 : y2);
            rejected[i] = toFloat(firstWins ? y2 : y1);
            objectives[i] = cluster;
        }
        return PairSet.builder()
                .setPrompts(prompts)
                .setResponses(chosen, rejected)
                .optObjectives(objectives)
                .build();
    }

    static double[] gaussian(Random random, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    static double[] unit(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /** Accuracy of a single linear head. */
    static double accuracy(HeadFit head, PairSet pairs) {
        double correct = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double m = head.score(pairs.chosen()[i]) - head.score(pairs.rejected()[i]);
            correct += m > 0 ? 1 : m == 0 ? 0.5 : 0;
        }
        return correct / pairs.size();
    }

    /** Accuracy when each pair is scored by the head of the objective that truly decided it. */
    static double oracleAccuracy(float[][] w, PairSet pairs) {
        double correct = 0;
        for (int i = 0; i < pairs.size(); i++) {
            float[] row = w[pairs.objectives()[i]];
            double m = Vectors.dot(row, pairs.chosen()[i]) - Vectors.dot(row, pairs.rejected()[i]);
            correct += m > 0 ? 1 : m == 0 ? 0.5 : 0;
        }
        return correct / pairs.size();
    }
}
