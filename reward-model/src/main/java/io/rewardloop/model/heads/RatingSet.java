package io.rewardloop.model.heads;

import java.util.Arrays;
import java.util.Objects;

/**
 * Absolute ratings for stage 1: one response feature row {@code h_y} per rated response and one
 * rating per objective, {@code NaN} where that objective was not rated. Each objective's ratings
 * come with their scale {@code [low, high]}; the trainer rescales them linearly to {@code [0, 1]}.
 */
public final class RatingSet {

    private final float[][] features;
    private final double[][] ratings;
    private final double[] low;
    private final double[] high;
    private final int[] lengths;

    private RatingSet(Builder b) {
        this.features = b.features;
        this.ratings = b.ratings;
        this.low = b.low;
        this.high = b.high;
        this.lengths = b.lengths;
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
     * Returns the number of rated responses.
     *
     * @return n
     */
    public int size() {
        return features.length;
    }

    /**
     * Returns the number of objective columns.
     *
     * @return K
     */
    public int objectives() {
        return ratings[0].length;
    }

    /**
     * Returns the response features, not copied.
     *
     * @return n x d features
     */
    public float[][] features() {
        return features;
    }

    /**
     * Returns one objective's ratings rescaled to {@code [0, 1]}, {@code NaN} where missing.
     *
     * @param objective the objective's column
     * @return n values
     */
    public double[] rescaled(int objective) {
        double[] out = new double[features.length];
        double span = high[objective] - low[objective];
        for (int i = 0; i < out.length; i++) {
            out[i] = (ratings[i][objective] - low[objective]) / span;
        }
        return out;
    }

    /**
     * Tells whether an objective has at least one rating.
     *
     * @param objective the objective's column
     * @return true when some rating is present
     */
    public boolean hasRatings(int objective) {
        for (double[] row : ratings) {
            if (!Double.isNaN(row[objective])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the response lengths, when given.
     *
     * @return n lengths (tokens or characters), or null
     */
    public int[] lengths() {
        return lengths;
    }

    /** Builds a {@link RatingSet}: features and ratings are required, scales default to [0, 1]. */
    public static final class Builder {

        private float[][] features;
        private double[][] ratings;
        private double[] low;
        private double[] high;
        private int[] lengths;

        private Builder() {}

        /**
         * Sets the response features.
         *
         * @param features n x d, one row per rated response
         * @return this builder
         */
        public Builder setFeatures(float[][] features) {
            this.features = features;
            return this;
        }

        /**
         * Sets the ratings.
         *
         * @param ratings n x K, {@code NaN} where an objective was not rated
         * @return this builder
         */
        public Builder setRatings(double[][] ratings) {
            this.ratings = ratings;
            return this;
        }

        /**
         * Sets the rating scale of every objective.
         *
         * @param low K lowest possible ratings
         * @param high K highest possible ratings
         * @return this builder
         */
        public Builder optScales(double[] low, double[] high) {
            this.low = low.clone();
            this.high = high.clone();
            return this;
        }

        /**
         * Sets the response lengths, needed with a length objective.
         *
         * @param lengths n lengths in tokens or characters
         * @return this builder
         */
        public Builder optLengths(int[] lengths) {
            this.lengths = lengths;
            return this;
        }

        /**
         * Validates and builds the set.
         *
         * @return the rating set
         * @throws IllegalArgumentException when shapes disagree or a rating lies off its scale
         */
        public RatingSet build() {
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(ratings, "ratings");
            FeatureChecks.requireMatrix(features, "features");
            FeatureChecks.requireRows(ratings.length, features.length, "ratings");
            int k = ratings.length == 0 ? 0 : ratings[0].length;
            if (k == 0) {
                throw new IllegalArgumentException("ratings need at least one row and column");
            }
            if (low == null) {
                low = new double[k];
                high = new double[k];
                Arrays.fill(high, 1.0);
            }
            if (low.length != k || high.length != k) {
                throw new IllegalArgumentException("scales need " + k + " entries");
            }
            checkValues(k);
            if (lengths != null) {
                FeatureChecks.requireRows(lengths.length, features.length, "lengths");
            }
            return new RatingSet(this);
        }

        private void checkValues(int k) {
            for (int j = 0; j < k; j++) {
                if (!(high[j] > low[j])) {
                    throw new IllegalArgumentException("scale of objective " + j + " is empty");
                }
            }
            for (int i = 0; i < ratings.length; i++) {
                if (ratings[i].length != k) {
                    throw new IllegalArgumentException("ratings row " + i + " has wrong length");
                }
                for (int j = 0; j < k; j++) {
                    double r = ratings[i][j];
                    if (!Double.isNaN(r) && (r < low[j] || r > high[j])) {
                        throw new IllegalArgumentException(
                                "rating "
                                        + r
                                        + " at row "
                                        + i
                                        + " lies off scale of objective "
                                        + j);
                    }
                }
            }
        }
    }
}
