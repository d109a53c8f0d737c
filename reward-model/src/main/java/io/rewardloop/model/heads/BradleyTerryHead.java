package io.rewardloop.model.heads;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1 on pairs: a linear Bradley-Terry head, L2-regularised logistic regression without
 * intercept on {@code h_y(chosen) - h_y(rejected)}, fitted by full-batch Newton's method. The L2
 * strength is chosen by mean validation log-loss on seeded splits (one 80/20 holdout, or k folds):
 * first over the decade grid, then over the half-decades either side of the best. The head is then
 * refit on all pairs. Also the single-objective baseline.
 */
public final class BradleyTerryHead {

    /** The default decade grid of L2 strengths. */
    public static final double[] DEFAULT_L2 = {1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4};

    /** The L2 strength used when there are too few pairs to validate. */
    public static final double FALLBACK_L2 = 1.0;

    private static final Logger LOG = LoggerFactory.getLogger(BradleyTerryHead.class);

    private final double[] grid;
    private final double validationFraction;
    private final int folds;
    private final long seed;
    private final LogisticNewton solver;

    private BradleyTerryHead(Builder builder) {
        this.grid = builder.grid;
        this.validationFraction = builder.validationFraction;
        this.folds = builder.folds;
        this.seed = builder.seed;
        this.solver = new LogisticNewton(builder.maxIterations, 1e-8);
    }

    /**
     * Starts a builder.
     *
     * @return a new builder with the default settings
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits a head on all the given pairs.
     *
     * @param pairs the pairs
     * @return the head
     */
    public HeadFit fit(PairSet pairs) {
        int[] all = java.util.stream.IntStream.range(0, pairs.size()).toArray();
        return fit(pairs, all);
    }

    /**
     * Fits a head on some of the pairs.
     *
     * @param pairs the pairs
     * @param rows the pair indices to use
     * @return the head
     * @throws IllegalArgumentException when rows is empty
     */
    public HeadFit fit(PairSet pairs, int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no pairs to fit");
        }
        double[][] z = differences(pairs, rows);
        PairTargets targets = targetsOf(pairs, rows);
        int[][][] splits = splits(z.length);
        double[] choice =
                splits.length == 0
                        ? new double[] {FALLBACK_L2, Double.NaN}
                        : choose(z, targets, splits);
        double[] w = solver.minimise(z, targets, choice[0], new double[z[0].length]);
        return new HeadFit(w, HeadFit.BRADLEY_TERRY, choice[0], choice[1], rows.length);
    }

    /**
     * Fits a head on some of the pairs at a given L2 strength, without choosing it (used to refit
     * stage-1 heads on folds for cross-fitting).
     *
     * @param pairs the pairs
     * @param rows the pair indices to use, not empty
     * @param l2 the L2 strength
     * @return the head, with a NaN validation loss
     */
    public HeadFit fitAt(PairSet pairs, int[] rows, double l2) {
        double[] w =
                solver.minimise(
                        differences(pairs, rows),
                        targetsOf(pairs, rows),
                        l2,
                        new double[pairs.chosen()[0].length]);
        return new HeadFit(w, HeadFit.BRADLEY_TERRY, l2, Double.NaN, rows.length);
    }

    private static double[][] differences(PairSet pairs, int[] rows) {
        double[][] z = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            z[i] = Vectors.difference(pairs.chosen()[rows[i]], pairs.rejected()[rows[i]]);
        }
        return z;
    }

    private static PairTargets targetsOf(PairSet pairs, int[] rows) {
        return pairs.targets() == null ? null : pairs.targets().subset(rows);
    }

    /** The decade grid, then the half-decades either side of the decade winner. */
    private double[] choose(double[][] z, PairTargets targets, int[][][] splits) {
        double l2 = grid[0];
        double best = Double.POSITIVE_INFINITY;
        for (double candidate : grid) {
            double loss = validationLoss(z, targets, splits, candidate);
            if (loss < best) {
                best = loss;
                l2 = candidate;
            }
        }
        double decade = l2;
        for (double candidate : new double[] {decade / Math.sqrt(10), decade * Math.sqrt(10)}) {
            double loss = validationLoss(z, targets, splits, candidate);
            if (loss < best) {
                best = loss;
                l2 = candidate;
            }
        }
        return new double[] {l2, best};
    }

    private double validationLoss(double[][] z, PairTargets targets, int[][][] splits, double l2) {
        double sum = 0;
        for (int[][] split : splits) {
            double[] w =
                    solver.minimise(
                            rowsOf(z, split[0]),
                            targets == null ? null : targets.subset(split[0]),
                            l2,
                            new double[z[0].length]);
            sum +=
                    LogisticNewton.meanLogLoss(
                            rowsOf(z, split[1]),
                            targets == null ? null : targets.subset(split[1]),
                            w);
        }
        double loss = sum / splits.length;
        LOG.debug("Bradley-Terry l2 {} validation log-loss {}", l2, loss);
        return loss;
    }

    private int[][][] splits(int n) {
        if (folds <= 1) {
            int[][] split = Splits.holdout(n, validationFraction, seed);
            return split[0].length >= 2 && split[1].length >= 1
                    ? new int[][][] {split}
                    : new int[0][][];
        }
        if (n < 2 * folds) {
            return new int[0][][];
        }
        int[] order = Splits.permutation(n, seed);
        int[][][] out = new int[folds][][];
        for (int f = 0; f < folds; f++) {
            int from = (int) ((long) n * f / folds);
            int to = (int) ((long) n * (f + 1) / folds);
            int[] val = Arrays.copyOfRange(order, from, to);
            int[] train = new int[n - val.length];
            System.arraycopy(order, 0, train, 0, from);
            System.arraycopy(order, to, train, from, n - to);
            out[f] = new int[][] {train, val};
        }
        return out;
    }

    private static double[][] rowsOf(double[][] z, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = z[rows[i]];
        }
        return out;
    }

    /** Builds a {@link BradleyTerryHead}; every setting is optional. */
    public static final class Builder {

        private double[] grid = DEFAULT_L2.clone();
        private double validationFraction = 0.2;
        private int folds = 1;
        private long seed = 42;
        private int maxIterations = 50;

        private Builder() {}

        /**
         * Sets the decade grid of L2 strengths (the half-decades around the best are tried too).
         *
         * @param grid positive strengths, ascending
         * @return this builder
         */
        public Builder optL2Grid(double... grid) {
            this.grid = grid.clone();
            return this;
        }

        /**
         * Sets the share held out when choosing L2 with a single split (default 0.2).
         *
         * @param validationFraction in (0, 1)
         * @return this builder
         */
        public Builder optValidationFraction(double validationFraction) {
            this.validationFraction = validationFraction;
            return this;
        }

        /**
         * Sets the number of cross-validation folds; 1 (default) uses a single holdout split.
         *
         * @param folds at least 1
         * @return this builder
         */
        public Builder optFolds(int folds) {
            this.folds = folds;
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
         * Sets the Newton iteration cap (default 50).
         *
         * @param maxIterations at least 1
         * @return this builder
         */
        public Builder optMaxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the head fitter
         */
        public BradleyTerryHead build() {
            if (grid.length == 0 || Arrays.stream(grid).anyMatch(a -> !(a > 0))) {
                throw new IllegalArgumentException("L2 grid must be positive and non-empty");
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validationFraction must lie in (0, 1)");
            }
            if (folds < 1 || maxIterations < 1) {
                throw new IllegalArgumentException("folds and maxIterations must be >= 1");
            }
            return new BradleyTerryHead(this);
        }
    }
}
