package io.rewardloop.model.heads;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1 on ratings: ridge regression without intercept, {@code min_w sum (w.h - r)^2 + alpha
 * |w|^2}, solved in closed form by Cholesky in double arithmetic. Missing targets ({@code NaN}) are
 * masked; alpha is chosen from a grid by validation MSE on a seeded split, then the head is refit
 * on all rows.
 */
public final class RidgeRegression {

    /** The reference alpha grid: powers of ten from 1e-4 to 1e4. */
    public static final double[] DEFAULT_ALPHAS = {1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4};

    /** The alpha used when there are too few ratings to validate. */
    public static final double FALLBACK_ALPHA = 1.0;

    private static final Logger LOG = LoggerFactory.getLogger(RidgeRegression.class);

    private final double[] alphas;
    private final double validationFraction;
    private final long seed;

    private RidgeRegression(Builder builder) {
        this.alphas = builder.alphas;
        this.validationFraction = builder.validationFraction;
        this.seed = builder.seed;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder with the reference settings
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits one objective's head.
     *
     * @param features n x d response features
     * @param targets n targets, {@code NaN} where missing
     * @return the fitted head
     * @throws IllegalArgumentException when no target is present
     */
    public HeadFit fit(float[][] features, double[] targets) {
        int[] rows =
                IntStream.range(0, targets.length).filter(i -> !Double.isNaN(targets[i])).toArray();
        if (rows.length == 0) {
            throw new IllegalArgumentException("no ratings to fit");
        }
        int d = features[0].length;
        int[][] split = Splits.holdout(rows.length, validationFraction, seed);
        double alpha = FALLBACK_ALPHA;
        double bestMse = Double.NaN;
        if (split[0].length >= 2 && split[1].length >= 1) {
            int[] train = Splits.select(rows, split[0]);
            int[] val = Splits.select(rows, split[1]);
            double[] gram = gram(features, train, d);
            double[] rhs = moment(features, targets, train, d);
            bestMse = Double.POSITIVE_INFINITY;
            for (double candidate : alphas) {
                double[] w = Cholesky.factor(gram, d, candidate).solve(rhs);
                double mse = meanSquaredError(w, features, targets, val);
                LOG.debug("ridge alpha {} validation MSE {}", candidate, mse);
                if (mse < bestMse) {
                    bestMse = mse;
                    alpha = candidate;
                }
            }
        }
        double[] w =
                Cholesky.factor(gram(features, rows, d), d, alpha)
                        .solve(moment(features, targets, rows, d));
        return new HeadFit(w, HeadFit.RIDGE, alpha, bestMse, rows.length);
    }

    private static double[] gram(float[][] features, int[] rows, int d) {
        double[][] x = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            x[i] = Vectors.toDouble(features[rows[i]]);
        }
        return Cholesky.gram(x, null, d);
    }

    private static double[] moment(float[][] features, double[] targets, int[] rows, int d) {
        double[] b = new double[d];
        for (int r : rows) {
            float[] x = features[r];
            for (int j = 0; j < d; j++) {
                b[j] += x[j] * targets[r];
            }
        }
        return b;
    }

    private static double meanSquaredError(
            double[] w, float[][] features, double[] targets, int[] rows) {
        double sum = 0;
        for (int r : rows) {
            double e = Vectors.dot(w, features[r]) - targets[r];
            sum += e * e;
        }
        return sum / rows.length;
    }

    /** Builds a {@link RidgeRegression}; every setting is optional. */
    public static final class Builder {

        private double[] alphas = DEFAULT_ALPHAS.clone();
        private double validationFraction = 0.2;
        private long seed = 42;

        private Builder() {}

        /**
         * Sets the alpha grid.
         *
         * @param alphas positive penalties, tried in order
         * @return this builder
         */
        public Builder optAlphas(double... alphas) {
            this.alphas = alphas.clone();
            return this;
        }

        /**
         * Sets the share of ratings held out to choose alpha (default 0.2).
         *
         * @param validationFraction in (0, 1)
         * @return this builder
         */
        public Builder optValidationFraction(double validationFraction) {
            this.validationFraction = validationFraction;
            return this;
        }

        /**
         * Sets the split seed.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the regression
         */
        public RidgeRegression build() {
            if (alphas.length == 0 || Arrays.stream(alphas).anyMatch(a -> !(a > 0))) {
                throw new IllegalArgumentException("alphas must be positive and non-empty");
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validationFraction must lie in (0, 1)");
            }
            return new RidgeRegression(this);
        }
    }
}
