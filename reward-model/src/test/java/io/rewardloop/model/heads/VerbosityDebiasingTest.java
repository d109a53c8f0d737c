package io.rewardloop.model.heads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerbosityDebiasingTest {

    /**
     * Rewards of 2000 responses: objective 0 = quality + 0.6 * verbosity, 1 = independent, 2 = v.
     */
    private static double[][] lengthBiasedRewards() {
        Random random = new Random(7);
        double[][] r = new double[2000][3];
        for (double[] row : r) {
            double verbosity = random.nextGaussian();
            row[0] = random.nextGaussian() + 0.6 * verbosity;
            row[1] = random.nextGaussian();
            row[2] = verbosity;
        }
        return r;
    }

    @Test
    void shouldBringSpearmanWithVerbosityUnderThreshold() {
        double[][] r = lengthBiasedRewards();

        Debiasing debiasing = VerbosityDebiasing.reference().fit(r, 2);

        double lambda = debiasing.lambdas()[0];
        double[] rv = column(r, 2);
        assertThat(Spearman.correlation(column(r, 0), rv)).isGreaterThan(0.3);
        assertThat(lambda).isGreaterThan(0.3);
        assertThat(Spearman.correlation(debiasedColumn(r, debiasing, 0), rv))
                .isLessThanOrEqualTo(0.03);
        // the smallest such lambda: the grid value just below it leaves more correlation
        double[] grid = VerbosityDebiasing.DEFAULT_GRID;
        double previous = grid[Arrays.binarySearch(grid, lambda) - 1];
        assertThat(Spearman.correlation(shifted(r, previous), rv)).isGreaterThan(0.03);
    }

    @Test
    void shouldLeaveAnUncorrelatedObjectiveAloneAndZeroTheVerbosityReward() {
        double[][] r = lengthBiasedRewards();

        Debiasing debiasing = VerbosityDebiasing.reference().fit(r, 2);

        assertThat(debiasing.lambdas()[1]).isEqualTo(0.0);
        assertThat(debiasing.lambdas()[2]).isEqualTo(1.0);
        assertThat(debiasing.apply(r[0])[2]).isEqualTo(0.0);
        double[][] t = debiasing.matrix();
        assertThat(t[2][0]).isEqualTo(-debiasing.lambdas()[0]);
        assertThat(t[0][0]).isEqualTo(1.0);
        assertThat(t[2][2]).isEqualTo(0.0);
    }

    @Test
    void shouldUseTheReferenceGrid() {
        double[] grid = VerbosityDebiasing.DEFAULT_GRID;

        assertThat(grid).startsWith(0, .01, .025, .05, .075, .1, .125, .15, .2, .25, .3);
        assertThat(grid).endsWith(.9, .95);
        assertThat(grid).hasSize(24);
    }

    @Test
    void shouldRankTiesByTheirMeanRank() {
        assertThat(Spearman.ranks(new double[] {3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
        assertThat(Spearman.correlation(new double[] {1, 2, 3}, new double[] {10, 20, 30}))
                .isEqualTo(1.0);
    }

    private static double[] column(double[][] r, int j) {
        return Arrays.stream(r).mapToDouble(row -> row[j]).toArray();
    }

    private static double[] debiasedColumn(double[][] r, Debiasing debiasing, int j) {
        return Arrays.stream(r).mapToDouble(row -> debiasing.apply(row)[j]).toArray();
    }

    private static double[] shifted(double[][] r, double lambda) {
        return Arrays.stream(r).mapToDouble(row -> row[0] - lambda * row[2]).toArray();
    }
}
