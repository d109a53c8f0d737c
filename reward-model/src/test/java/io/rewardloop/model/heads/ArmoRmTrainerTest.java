package io.rewardloop.model.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArmoRmTrainerTest {

    private static final GatingConfig TINY =
            GatingConfig.builder().optHiddenSize(8).optSteps(20).build();

    @Test
    void shouldFitRatedObjectivesByRidgeAndPairedObjectivesByBradleyTerry() {
        SyntheticPreferences world = new SyntheticPreferences(8, 2.0, 1);
        PairSet pairs = world.pairs(400, 2);
        int[] objectives = new int[pairs.size()];
        Arrays.fill(objectives, 1);
        PairSet aboutPaired =
                PairSet.builder()
                        .setPrompts(pairs.prompts())
                        .setResponses(pairs.chosen(), pairs.rejected())
                        .optObjectives(objectives)
                        .build();
        RatingSet ratings = ratings(world, 300);

        TrainingResult result =
                ArmoRmTrainer.builder()
                        .setObjectives(ObjectiveSet.of("rated", "paired"))
                        .optRatings(ratings)
                        .optPairs(aboutPaired)
                        .optGating(TINY)
                        .optSeed(3)
                        .build()
                        .train();

        HeadFit ridge =
                RidgeRegression.builder()
                        .optSeed(3)
                        .build()
                        .fit(ratings.features(), ratings.rescaled(0));
        assertThat(result.model().heads().weights()[0])
                .containsExactly(Vectors.toFloat(ridge.weights()));
        assertThat(result.metrics().get("stage1.rated.ridge_alpha"))
                .isEqualTo(ridge.regularization());
        assertThat(result.metrics().get("stage1.paired.bt_l2")).isPositive();
        assertThat(result.metrics().get(TrainingMetrics.VALIDATION_ACCURACY))
                .as("held-out pairs ranked right (0.8 with this seed; chance is 0.5)")
                .isGreaterThanOrEqualTo(0.7);
        assertThat(result.metrics().get("pairs.validation")).isEqualTo(40.0);
    }

    @Test
    void shouldRejectAnObjectiveWithNeitherRatingsNorPairs() {
        PairSet pairs = new SyntheticPreferences(8, 2.0, 1).pairs(50, 2);
        int[] onlyFirst = new int[pairs.size()];
        PairSet aboutFirst =
                PairSet.builder()
                        .setPrompts(pairs.prompts())
                        .setResponses(pairs.chosen(), pairs.rejected())
                        .optObjectives(onlyFirst)
                        .build();

        assertThatThrownBy(
                        () ->
                                ArmoRmTrainer.builder()
                                        .setObjectives(ObjectiveSet.of("a", "b"))
                                        .optPairs(aboutFirst)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b'");
    }

    @Test
    void shouldDebiasAgainstTheLengthObjectiveWhenNoVerbosityIsRated() {
        LengthBiasedPairs data = new LengthBiasedPairs(8, 600, 4);

        TrainingResult result =
                ArmoRmTrainer.builder()
                        .setObjectives(
                                ObjectiveSet.builder().add("quality").addLength("length").build())
                        .optPairs(data.pairs)
                        .optValidationFraction(0)
                        .optGating(TINY)
                        .build()
                        .train();

        RewardModel model = result.model();
        assertThat(result.metrics().get("debias.quality.lambda")).isPositive();
        double[] quality = new double[2 * data.pairs.size()];
        double[] length = new double[quality.length];
        for (int i = 0; i < data.pairs.size(); i++) {
            Reward c =
                    model.score(
                            data.pairs.prompts()[i],
                            data.pairs.chosen()[i],
                            data.pairs.chosenLengths()[i]);
            Reward r =
                    model.score(
                            data.pairs.prompts()[i],
                            data.pairs.rejected()[i],
                            data.pairs.rejectedLengths()[i]);
            quality[2 * i] = c.debiased()[0];
            quality[2 * i + 1] = r.debiased()[0];
            length[2 * i] = data.pairs.chosenLengths()[i];
            length[2 * i + 1] = data.pairs.rejectedLengths()[i];
            assertThat(c.debiased()[1]).isZero();
        }
        assertThat(Spearman.correlation(quality, length)).isLessThanOrEqualTo(0.03);
        assertThatThrownBy(() -> model.score(data.pairs.prompts(), data.pairs.chosen(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length");
    }

    private static RatingSet ratings(SyntheticPreferences world, int n) {
        Random random = new Random(5);
        float[][] x = new float[n][];
        double[][] r = new double[n][2];
        for (int i = 0; i < n; i++) {
            double[] y = SyntheticPreferences.gaussian(random, world.dimension);
            x[i] = SyntheticPreferences.toFloat(y);
            double v = 1 / (1 + Math.exp(-SyntheticPreferences.dot(world.a, y)));
            r[i][0] = Math.round(1 + 9 * v);
            r[i][1] = Double.NaN;
        }
        return RatingSet.builder()
                .setFeatures(x)
                .setRatings(r)
                .optScales(new double[] {1, 0}, new double[] {10, 1})
                .build();
    }

    /**
     * Pairs whose preference favours longer responses: feature 0 encodes the log length and the
     * true utility leans on it.
     */
    static final class LengthBiasedPairs {

        final PairSet pairs;

        LengthBiasedPairs(int d, int n, long seed) {
            Random random = new Random(seed);
            float[][] p = new float[n][];
            float[][] c = new float[n][];
            float[][] r = new float[n][];
            int[] cl = new int[n];
            int[] rl = new int[n];
            double[] utility = SyntheticPreferences.unit(SyntheticPreferences.gaussian(random, d));
            utility[0] = 1.0;
            for (int i = 0; i < n; i++) {
                double[] y1 = SyntheticPreferences.gaussian(random, d);
                double[] y2 = SyntheticPreferences.gaussian(random, d);
                int l1 = (int) Math.exp(4 + 0.7 * y1[0] + 0.1 * random.nextGaussian());
                int l2 = (int) Math.exp(4 + 0.7 * y2[0] + 0.1 * random.nextGaussian());
                double m =
                        2
                                * (SyntheticPreferences.dot(utility, y1)
                                        - SyntheticPreferences.dot(utility, y2));
                boolean first = random.nextDouble() < 1 / (1 + Math.exp(-m));
                p[i] = SyntheticPreferences.toFloat(SyntheticPreferences.gaussian(random, d));
                c[i] = SyntheticPreferences.toFloat(first ? y1 : y2);
                r[i] = SyntheticPreferences.toFloat(first ? y2 : y1);
                cl[i] = first ? l1 : l2;
                rl[i] = first ? l2 : l1;
            }
            pairs = PairSet.builder().setPrompts(p).setResponses(c, r).optLengths(cl, rl).build();
        }
    }
}
