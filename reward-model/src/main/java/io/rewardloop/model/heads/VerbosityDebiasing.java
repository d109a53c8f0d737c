package io.rewardloop.model.heads;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the debiasing coefficients (ArmoRM): for every objective i other than the verbosity
 * objective v, the smallest lambda_i in the grid with {@code Spearman(r_i - lambda_i r_v, r_v) <=
 * threshold} over a reference set of responses; 1 when none reaches it.
 */
public final class VerbosityDebiasing {

    /** The reference grid: 0, .01, .025, .05, .075, .1, .125, .15, .2, .25, .3, ... .95. */
    public static final double[] DEFAULT_GRID = defaultGrid();

    /** The reference correlation threshold. */
    public static final double DEFAULT_THRESHOLD = 0.03;

    private static final Logger LOG = LoggerFactory.getLogger(VerbosityDebiasing.class);

    private final double[] grid;
    private final double threshold;

    /**
     * Creates the chooser.
     *
     * @param grid candidate lambdas, ascending
     * @param threshold the largest Spearman correlation with verbosity to accept
     */
    public VerbosityDebiasing(double[] grid, double threshold) {
        this.grid = grid.clone();
        this.threshold = threshold;
    }

    /**
     * Creates the chooser with the reference grid and threshold.
     *
     * @return the chooser
     */
    public static VerbosityDebiasing reference() {
        return new VerbosityDebiasing(DEFAULT_GRID, DEFAULT_THRESHOLD);
    }

    /**
     * Chooses the coefficients.
     *
     * @param rewards n x K raw rewards of the reference set
     * @param verbosityIndex v
     * @return the transform
     */
    public Debiasing fit(double[][] rewards, int verbosityIndex) {
        int k = rewards[0].length;
        double[] rv = column(rewards, verbosityIndex);
        double[] lambdas = new double[k];
        for (int i = 0; i < k; i++) {
            lambdas[i] = i == verbosityIndex ? 1.0 : choose(column(rewards, i), rv);
            LOG.debug("debiasing lambda[{}] = {}", i, lambdas[i]);
        }
        return new Debiasing(verbosityIndex, lambdas);
    }

    private double choose(double[] ri, double[] rv) {
        double[] adjusted = new double[ri.length];
        for (double lambda : grid) {
            for (int j = 0; j < ri.length; j++) {
                adjusted[j] = ri[j] - lambda * rv[j];
            }
            if (Spearman.correlation(adjusted, rv) <= threshold) {
                return lambda;
            }
        }
        return 1.0;
    }

    private static double[] column(double[][] rows, int j) {
        return Arrays.stream(rows).mapToDouble(r -> r[j]).toArray();
    }

    private static double[] defaultGrid() {
        double[] head = {0, .01, .025, .05, .075, .1, .125, .15};
        double[] grid = Arrays.copyOf(head, head.length + 16);
        for (int i = 0; i < 16; i++) {
            grid[head.length + i] = Math.round((0.20 + 0.05 * i) * 1000) / 1000.0;
        }
        return grid;
    }
}
