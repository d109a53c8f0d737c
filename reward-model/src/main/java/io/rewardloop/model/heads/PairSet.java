package io.rewardloop.model.heads;

import java.util.Arrays;
import java.util.Objects;

/**
 * Preference pairs: for pair i the prompt feature {@code h_x}, the chosen and rejected response
 * features {@code h_y}, optionally the objective the preference is about (-1 when it names none),
 * the two response lengths and per-pair loss targets ({@link PairTargets}: margins and label
 * smoothing for noisy labels).
 */
public final class PairSet {

    /** The objective index of a pair that names no objective. */
    public static final int NO_OBJECTIVE = -1;

    private final float[][] prompts;
    private final float[][] chosen;
    private final float[][] rejected;
    private final int[] objectives;
    private final int[] chosenLengths;
    private final int[] rejectedLengths;
    private final PairTargets targets;

    private PairSet(
            float[][] prompts,
            float[][] chosen,
            float[][] rejected,
            int[] objectives,
            int[] chosenLengths,
            int[] rejectedLengths,
            PairTargets targets) {
        this.prompts = prompts;
        this.chosen = chosen;
        this.rejected = rejected;
        this.objectives = objectives;
        this.chosenLengths = chosenLengths;
        this.rejectedLengths = rejectedLengths;
        this.targets = targets;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of pairs.
     *
     * @return n
     */
    public int size() {
        return chosen.length;
    }

    /**
     * Returns the prompt features, not copied.
     *
     * @return n x d
     */
    public float[][] prompts() {
        return prompts;
    }

    /**
     * Returns the chosen responses' features, not copied.
     *
     * @return n x d
     */
    public float[][] chosen() {
        return chosen;
    }

    /**
     * Returns the rejected responses' features, not copied.
     *
     * @return n x d
     */
    public float[][] rejected() {
        return rejected;
    }

    /**
     * Returns the objective each pair is about.
     *
     * @return n indices, {@link #NO_OBJECTIVE} where a pair names none
     */
    public int[] objectives() {
        return objectives;
    }

    /**
     * Returns the chosen responses' lengths, when given.
     *
     * @return n lengths, or null
     */
    public int[] chosenLengths() {
        return chosenLengths;
    }

    /**
     * Returns the rejected responses' lengths, when given.
     *
     * @return n lengths, or null
     */
    public int[] rejectedLengths() {
        return rejectedLengths;
    }

    /**
     * Returns the per-pair loss targets, when given.
     *
     * @return the margins and smoothing weights, or null for the plain Bradley-Terry loss
     */
    public PairTargets targets() {
        return targets;
    }

    /**
     * Returns these pairs with per-pair loss targets (rows shared, not copied).
     *
     * @param targets n targets, or null for the plain loss
     * @return the pairs with those targets
     */
    public PairSet withTargets(PairTargets targets) {
        if (targets != null) {
            FeatureChecks.requireRows(targets.size(), size(), "targets");
        }
        return new PairSet(
                prompts, chosen, rejected, objectives, chosenLengths, rejectedLengths, targets);
    }

    /**
     * Returns these pairs with chosen and rejected swapped where {@code flip} is true, lengths
     * swapped with them (a label flip; rows shared, not copied; targets kept as they are).
     *
     * @param flip n flags
     * @return the relabelled pairs
     */
    public PairSet flipped(boolean[] flip) {
        FeatureChecks.requireRows(flip.length, size(), "flip");
        float[][] c = chosen.clone();
        float[][] r = rejected.clone();
        int[] cl = chosenLengths == null ? null : chosenLengths.clone();
        int[] rl = rejectedLengths == null ? null : rejectedLengths.clone();
        for (int i = 0; i < flip.length; i++) {
            if (flip[i]) {
                c[i] = rejected[i];
                r[i] = chosen[i];
                if (cl != null) {
                    cl[i] = rejectedLengths[i];
                    rl[i] = chosenLengths[i];
                }
            }
        }
        return new PairSet(prompts, c, r, objectives, cl, rl, targets);
    }

    /**
     * Tells whether the response lengths were given.
     *
     * @return true when both length arrays are present
     */
    public boolean hasLengths() {
        return chosenLengths != null;
    }

    /**
     * Returns the pairs at some indices, in that order (rows are shared, not copied).
     *
     * @param rows pair indices
     * @return the subset
     */
    public PairSet subset(int[] rows) {
        float[][] p = new float[rows.length][];
        float[][] c = new float[rows.length][];
        float[][] r = new float[rows.length][];
        int[] o = new int[rows.length];
        int[] cl = chosenLengths == null ? null : new int[rows.length];
        int[] rl = rejectedLengths == null ? null : new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            p[i] = prompts[rows[i]];
            c[i] = chosen[rows[i]];
            r[i] = rejected[rows[i]];
            o[i] = objectives[rows[i]];
            if (cl != null) {
                cl[i] = chosenLengths[rows[i]];
                rl[i] = rejectedLengths[rows[i]];
            }
        }
        return new PairSet(p, c, r, o, cl, rl, targets == null ? null : targets.subset(rows));
    }

    /**
     * Returns the indices of the pairs about one objective.
     *
     * @param objective the objective index, or {@link #NO_OBJECTIVE}
     * @return the matching pair indices in order
     */
    public int[] rowsOf(int objective) {
        return java.util.stream.IntStream.range(0, objectives.length)
                .filter(i -> objectives[i] == objective)
                .toArray();
    }

    /** Builds a {@link PairSet}: prompts, chosen and rejected are required. */
    public static final class Builder {

        private float[][] prompts;
        private float[][] chosen;
        private float[][] rejected;
        private int[] objectives;
        private int[] chosenLengths;
        private int[] rejectedLengths;

        private Builder() {}

        /**
         * Sets the prompt features {@code h_x} (the gating input).
         *
         * @param prompts n x d
         * @return this builder
         */
        public Builder setPrompts(float[][] prompts) {
            this.prompts = prompts;
            return this;
        }

        /**
         * Sets the chosen and rejected response features {@code h_y}.
         *
         * @param chosen n x d
         * @param rejected n x d
         * @return this builder
         */
        public Builder setResponses(float[][] chosen, float[][] rejected) {
            this.chosen = chosen;
            this.rejected = rejected;
            return this;
        }

        /**
         * Sets the objective each pair is about.
         *
         * @param objectives n indices into the objective set, or {@link #NO_OBJECTIVE}
         * @return this builder
         */
        public Builder optObjectives(int[] objectives) {
            this.objectives = objectives;
            return this;
        }

        /**
         * Sets the response lengths, needed with a length objective.
         *
         * @param chosenLengths n lengths of the chosen responses
         * @param rejectedLengths n lengths of the rejected responses
         * @return this builder
         */
        public Builder optLengths(int[] chosenLengths, int[] rejectedLengths) {
            this.chosenLengths = chosenLengths;
            this.rejectedLengths = rejectedLengths;
            return this;
        }

        /**
         * Validates and builds the set.
         *
         * @return the pairs
         * @throws IllegalArgumentException when shapes disagree
         */
        public PairSet build() {
            Objects.requireNonNull(prompts, "prompts");
            Objects.requireNonNull(chosen, "chosen");
            Objects.requireNonNull(rejected, "rejected");
            int d = FeatureChecks.requireMatrix(chosen, "chosen");
            FeatureChecks.requireDimension(rejected, d, "rejected");
            FeatureChecks.requireMatrix(prompts, "prompts");
            FeatureChecks.requireRows(rejected.length, chosen.length, "rejected");
            FeatureChecks.requireRows(prompts.length, chosen.length, "prompts");
            if (objectives == null) {
                objectives = new int[chosen.length];
                Arrays.fill(objectives, NO_OBJECTIVE);
            }
            FeatureChecks.requireRows(objectives.length, chosen.length, "objectives");
            if ((chosenLengths == null) != (rejectedLengths == null)) {
                throw new IllegalArgumentException("give both chosen and rejected lengths");
            }
            if (chosenLengths != null) {
                FeatureChecks.requireRows(chosenLengths.length, chosen.length, "chosenLengths");
                FeatureChecks.requireRows(rejectedLengths.length, chosen.length, "rejectedLengths");
            }
            return new PairSet(
                    prompts, chosen, rejected, objectives, chosenLengths, rejectedLengths, null);
        }
    }
}
