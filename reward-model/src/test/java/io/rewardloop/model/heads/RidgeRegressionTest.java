package io.rewardloop.model.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

    /** Features with a constant first column (the intercept lives in W), Gaussian elsewhere. */
    private static float[][] features(int n, int d, Random random) {
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1f;
            for (int j = 1; j < d; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void shouldRecoverKnownWeightsWithMaskedMissingRatings() {
        Random random = new Random(1);
        int d = 8;
        float[][] x = features(800, d, random);
        double[] wTrue = {0.5, 0.05, -0.04, 0.03, 0.0, 0.02, -0.01, 0.06};
        double[][] ratings = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            double r = Vectors.dot(wTrue, x[i]) + 0.001 * random.nextGaussian();
            // objective 0 on a 1..5 scale, 30% missing; objective 1 never rated here
            ratings[i][0] = random.nextDouble() < 0.3 ? Double.NaN : 1 + 4 * clamp(r);
            ratings[i][1] = Double.NaN;
        }
        RatingSet set =
                RatingSet.builder()
                        .setFeatures(x)
                        .setRatings(ratings)
                        .optScales(new double[] {1, 0}, new double[] {5, 1})
                        .build();

        HeadFit fit = RidgeRegression.builder().build().fit(set.features(), set.rescaled(0));

        assertThat(fit.examples()).isBetween(500, 620);
        for (int j = 0; j < d; j++) {
            assertThat(fit.weights()[j]).isCloseTo(wTrue[j], within(0.002));
        }
        assertThat(fit.regularization()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void shouldSolveTheNormalEquationsExactly() {
        Random random = new Random(2);
        float[][] x = features(50, 6, random);
        double[] y = new double[50];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextDouble();
        }
        HeadFit fit = RidgeRegression.builder().optAlphas(0.7).build().fit(x, y);

        // (X^T X + alpha I) w = X^T y, checked coordinate by coordinate
        for (int a = 0; a < 6; a++) {
            double lhs = 0.7 * fit.weights()[a];
            double rhs = 0;
            for (int i = 0; i < x.length; i++) {
                lhs += x[i][a] * Vectors.dot(fit.weights(), x[i]);
                rhs += x[i][a] * y[i];
            }
            assertThat(lhs).isCloseTo(rhs, within(1e-10));
        }
    }

    @Test
    void shouldPickLargerAlphaUnderHeavyNoise() {
        Random random = new Random(3);
        int d = 30;
        float[][] x = features(80, d, random);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = 0.05 * random.nextGaussian();
        }
        double[] clean = new double[x.length];
        double[] noisy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double signal = Vectors.dot(w, x[i]);
            clean[i] = signal + 0.001 * random.nextGaussian();
            noisy[i] = signal + 2.0 * random.nextGaussian();
        }
        RidgeRegression ridge = RidgeRegression.builder().optSeed(9).build();

        double cleanAlpha = ridge.fit(x, clean).regularization();
        double noisyAlpha = ridge.fit(x, noisy).regularization();

        assertThat(noisyAlpha).isGreaterThanOrEqualTo(100 * cleanAlpha);
    }

    @Test
    void shouldBeDeterministicForTheSameSeed() {
        Random random = new Random(4);
        float[][] x = features(100, 5, random);
        double[] y = new double[100];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextDouble();
        }
        HeadFit first = RidgeRegression.builder().optSeed(3).build().fit(x, y);
        HeadFit second = RidgeRegression.builder().optSeed(3).build().fit(x, y);

        assertThat(second.weights()).containsExactly(first.weights());
    }

    private static double clamp(double r) {
        return Math.max(0, Math.min(1, r));
    }
}
