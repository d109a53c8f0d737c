package io.rewardloop.model.heads;

import java.util.Objects;

/**
 * A trained ArmoRM-style reward model on backbone features: frozen objective heads ({@code r = W
 * h_y}, {@code r' = r T}) and the gating network ({@code g = beta softmax(MLP(h_x) / tau)}), score
 * {@code g . r'}. Inference is plain Java: immutable and safe to share between threads.
 */
public final class RewardModel {

    private final ObjectiveHeads heads;
    private final GatingWeights gating;

    /**
     * Assembles a model.
     *
     * @param heads the frozen stage-1 heads and debiasing
     * @param gating the gating network; its input width must be the feature dimension and its
     *     output width K
     */
    public RewardModel(ObjectiveHeads heads, GatingWeights gating) {
        this.heads = Objects.requireNonNull(heads, "heads");
        this.gating = Objects.requireNonNull(gating, "gating");
        int[] sizes = gating.sizes();
        if (sizes[sizes.length - 1] != heads.objectives().size()) {
            throw new IllegalArgumentException("gating output width must equal K");
        }
    }

    /**
     * Returns the objective heads.
     *
     * @return W, T and the length feature
     */
    public ObjectiveHeads heads() {
        return heads;
    }

    /**
     * Returns the gating network.
     *
     * @return the gating weights
     */
    public GatingWeights gating() {
        return gating;
    }

    /**
     * Returns the objectives.
     *
     * @return the objective set
     */
    public ObjectiveSet objectives() {
        return heads.objectives();
    }

    /**
     * Scores one response.
     *
     * @param prompt the prompt feature {@code h_x}
     * @param response the response feature {@code h_y}
     * @param responseLength the response length (read only with a length objective)
     * @return the rewards, gating weights and score
     */
    public Reward score(float[] prompt, float[] response, int responseLength) {
        double[] raw = heads.raw(response, responseLength);
        double[] debiased = heads.debiasing().apply(raw);
        double[] g = gating.apply(prompt);
        return new Reward(raw, debiased, g, Vectors.dot(g, debiased));
    }

    /**
     * Scores a batch of responses.
     *
     * @param prompts n prompt features
     * @param responses n response features
     * @param lengths n response lengths; may be null when {@link ObjectiveSet#needsLength()} is
     *     false
     * @return n rewards in order
     */
    public Reward[] score(float[][] prompts, float[][] responses, int[] lengths) {
        FeatureChecks.requireRows(prompts.length, responses.length, "prompts");
        if (lengths == null && objectives().needsLength()) {
            throw new IllegalArgumentException("this model has a length objective: pass lengths");
        }
        Reward[] out = new Reward[responses.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = score(prompts[i], responses[i], lengths == null ? 0 : lengths[i]);
        }
        return out;
    }

    /**
     * Computes the pairwise accuracy: the share of pairs whose chosen response scores higher (a tie
     * counts one half).
     *
     * @param pairs the pairs, with lengths when the model has a length objective
     * @return the accuracy in [0, 1]
     */
    public double accuracy(PairSet pairs) {
        double correct = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double margin = margin(pairs, i);
            correct += margin > 0 ? 1 : margin == 0 ? 0.5 : 0;
        }
        return correct / pairs.size();
    }

    /**
     * Computes {@code score(chosen) - score(rejected)} of one pair (the gating is shared: same
     * prompt).
     *
     * @param pairs the pairs
     * @param i the pair index
     * @return the score margin
     */
    public double margin(PairSet pairs, int i) {
        int lc = pairs.hasLengths() ? pairs.chosenLengths()[i] : 0;
        int lr = pairs.hasLengths() ? pairs.rejectedLengths()[i] : 0;
        if (!pairs.hasLengths() && objectives().needsLength()) {
            throw new IllegalArgumentException("this model has a length objective: pass lengths");
        }
        double[] g = gating.apply(pairs.prompts()[i]);
        double[] c = heads.debiased(pairs.chosen()[i], lc);
        double[] r = heads.debiased(pairs.rejected()[i], lr);
        double m = 0;
        for (int k = 0; k < g.length; k++) {
            m += g[k] * (c[k] - r[k]);
        }
        return m;
    }
}
