package io.rewardloop.model.heads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BradleyTerryHeadTest {

    @Test
    void shouldRecoverTheDirectionOfTheTrueUtility() {
        SyntheticPreferences world = new SyntheticPreferences(12, 3.0, 1);
        PairSet pairs = world.pairs(3000, 2);
        PairSet clusterA = pairs.subset(pairs.rowsOf(0));

        HeadFit fit = BradleyTerryHead.builder().build().fit(clusterA);

        double cosine =
                SyntheticPreferences.dot(fit.weights(), world.a)
                        / Math.sqrt(SyntheticPreferences.dot(fit.weights(), fit.weights()));
        assertThat(cosine).isGreaterThan(0.95);
        assertThat(fit.method()).isEqualTo(HeadFit.BRADLEY_TERRY);
        assertThat(fit.validationLoss()).isLessThan(Math.log(2));
    }

    @Test
    void shouldRegulariseMoreWhenLabelsArePureNoise() {
        SyntheticPreferences world = new SyntheticPreferences(12, 3.0, 1);
        PairSet signal =
                world.pairs(400, 3).subset(java.util.stream.IntStream.range(0, 400).toArray());
        PairSet noise = shuffledLabels(signal, new Random(4));
        BradleyTerryHead fitter = BradleyTerryHead.builder().optFolds(4).build();

        double signalL2 = fitter.fit(signal).regularization();
        double noiseL2 = fitter.fit(noise).regularization();

        assertThat(noiseL2).isGreaterThan(10 * signalL2);
    }

    @Test
    void shouldGiveIdenticalWeightsForTheSameSeed() {
        PairSet pairs = new SyntheticPreferences(8, 2.0, 5).pairs(300, 6);
        HeadFit first = BradleyTerryHead.builder().optSeed(1).build().fit(pairs);
        HeadFit second = BradleyTerryHead.builder().optSeed(1).build().fit(pairs);

        assertThat(second.weights()).containsExactly(first.weights());
    }

    /** Swaps chosen and rejected at random: labels independent of the features. */
    private static PairSet shuffledLabels(PairSet pairs, Random random) {
        int n = pairs.size();
        float[][] chosen = new float[n][];
        float[][] rejected = new float[n][];
        for (int i = 0; i < n; i++) {
            boolean swap = random.nextBoolean();
            chosen[i] = swap ? pairs.rejected()[i] : pairs.chosen()[i];
            rejected[i] = swap ? pairs.chosen()[i] : pairs.rejected()[i];
        }
        return PairSet.builder().setPrompts(pairs.prompts()).setResponses(chosen, rejected).build();
    }
}
