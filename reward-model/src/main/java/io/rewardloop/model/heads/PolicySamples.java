package io.rewardloop.model.heads;

import java.util.Objects;

/**
 * Unlabelled samples of the current policy for MetaRM, grouped by prompt: group g has the prompt
 * feature {@code h_x} and the features {@code h_y} of k >= 2 responses to it (and their lengths,
 * needed with a length objective). In the retrainer: the latest policy round on {@code
 * rlhf.responses}.
 */
public final class PolicySamples {

    private final float[][] prompts;
    private final float[][][] responses;
    private final int[][] lengths;

    /**
     * Creates the samples.
     *
     * @param prompts G prompt features, each d wide
     * @param responses G groups of at least two response features, each d wide
     * @param lengths G groups of response lengths matching {@code responses}, or null
     */
    public PolicySamples(float[][] prompts, float[][][] responses, int[][] lengths) {
        Objects.requireNonNull(responses, "responses");
        int d = FeatureChecks.requireMatrix(prompts, "prompts");
        FeatureChecks.requireRows(responses.length, prompts.length, "responses");
        for (int g = 0; g < responses.length; g++) {
            if (responses[g].length < 2) {
                throw new IllegalArgumentException("group " + g + " has fewer than 2 responses");
            }
            FeatureChecks.requireDimension(responses[g], d, "responses of group " + g);
            if (lengths != null) {
                FeatureChecks.requireRows(lengths[g].length, responses[g].length, "lengths");
            }
        }
        if (lengths != null) {
            FeatureChecks.requireRows(lengths.length, prompts.length, "lengths");
        }
        this.prompts = prompts;
        this.responses = responses;
        this.lengths = lengths;
    }

    /**
     * Returns the number of prompt groups.
     *
     * @return G
     */
    public int size() {
        return prompts.length;
    }

    /**
     * Returns the groups at some indices, in that order (rows shared, not copied).
     *
     * @param rows group indices
     * @return the subset
     */
    public PolicySamples subset(int[] rows) {
        float[][] p = new float[rows.length][];
        float[][][] r = new float[rows.length][][];
        int[][] l = lengths == null ? null : new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            p[i] = prompts[rows[i]];
            r[i] = responses[rows[i]];
            if (l != null) {
                l[i] = lengths[rows[i]];
            }
        }
        return new PolicySamples(p, r, l);
    }

    /**
     * Computes MetaRM's difference loss {@code J}, averaged over the groups: {@code J(x) = c_k
     * sum_{i<j} sigmoid(|score(x, s_i) - score(x, s_j)|)}, {@code c_k = 2 / (k (k - 1))}. 0.5 means
     * the model cannot tell the policy's responses apart; larger separates them more.
     *
     * @param model the reward model
     * @return the mean J over groups
     */
    public double differenceLoss(RewardModel model) {
        double sum = 0;
        for (int g = 0; g < size(); g++) {
            double[] scores = new double[responses[g].length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = model.score(prompts[g], responses[g][i], length(g, i)).score();
            }
            double group = 0;
            for (int i = 0; i < scores.length; i++) {
                for (int j = i + 1; j < scores.length; j++) {
                    group += Vectors.sigmoid(Math.abs(scores[i] - scores[j]));
                }
            }
            sum += group * 2 / (scores.length * (scores.length - 1.0));
        }
        return sum / size();
    }

    /**
     * Returns a group's prompt feature, not copied.
     *
     * @param g the group
     * @return {@code h_x}
     */
    public float[] prompt(int g) {
        return prompts[g];
    }

    /**
     * Returns a group's response features, not copied.
     *
     * @param g the group
     * @return k features {@code h_y}
     */
    public float[][] responses(int g) {
        return responses[g];
    }

    /**
     * Returns a response's length.
     *
     * @param g the group
     * @param i the response within the group
     * @return its length, or 0 when no lengths were given
     */
    public int length(int g, int i) {
        return lengths == null ? 0 : lengths[g][i];
    }
}
