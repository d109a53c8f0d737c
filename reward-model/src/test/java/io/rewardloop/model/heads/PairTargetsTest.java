package io.rewardloop.model.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PairTargetsTest {

    @Test
    void shouldComputeStageTwoLossWithMarginAndSmoothingAsByHand() {
        float[] gates = {1f, 0f, 0.5f, 0.5f};
        float[] differences = {2f, 1f, -1f, 3f};
        float[] targets = {0.5f, 0.1f, -1f, 0f};
        // pair 0: D = 2, u = 1.5, a = 0.1; pair 1: D = 1, u = 2, a = 0
        double expected = (0.9 * softplus(-1.5) + 0.1 * softplus(1.5) + softplus(-2.0)) / 2;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList predictions = new NDList(manager.create(gates, new Shape(2, 2)));
            NDList labels =
                    new NDList(
                            manager.create(differences, new Shape(2, 2)),
                            manager.create(targets, new Shape(2, 2)));

            double loss = new BradleyTerryLoss(0, true).evaluate(labels, predictions).getFloat();

            assertThat(loss).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void shouldGiveThePlainLossBitForBitWithZeroTargets() {
        float[] gates = {0.7f, 0.3f, 0.2f, 0.9f, 1f, 0f};
        float[] differences = {2f, -1f, -1.5f, 3f, 0.25f, 4f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList predictions = new NDList(manager.create(gates, new Shape(3, 2)));
            NDList plain = new NDList(manager.create(differences, new Shape(3, 2)));
            NDList zeros = new NDList(plain.get(0), manager.zeros(new Shape(3, 2)));

            float withZeros = new BradleyTerryLoss(0, true).evaluate(zeros, predictions).getFloat();
            float without = new BradleyTerryLoss(0).evaluate(plain, predictions).getFloat();

            assertThat(withZeros).isEqualTo(without);
        }
        PairSet pairs = new SyntheticPreferences(6, 1.0, 3).pairs(200, 4);
        PairSet zeroTargets = pairs.withTargets(new PairTargets(new float[200], new float[200]));
        BradleyTerryHead head = BradleyTerryHead.builder().optSeed(2).build();
        assertThat(head.fit(zeroTargets).weights()).containsExactly(head.fit(pairs).weights());
    }

    @Test
    void shouldFitStageOneToTheClosedFormOptimumOfMarginAndSmoothing() {
        // One pair, z = 1: the loss (1-a) softplus(m - w) + a softplus(w - m) is least at
        // sigmoid(w - m) = 1 - a, that is w = m + log((1 - a) / a).
        PairSet one =
                PairSet.builder()
                        .setPrompts(new float[][] {{0f}})
                        .setResponses(new float[][] {{1f}}, new float[][] {{0f}})
                        .build()
                        .withTargets(new PairTargets(new float[] {0.5f}, new float[] {0.1f}));

        HeadFit fit = BradleyTerryHead.builder().build().fitAt(one, new int[] {0}, 1e-12);

        assertThat(fit.weights()[0]).isCloseTo(0.5 + Math.log(9), within(1e-6));
    }

    @Test
    void shouldSwapChosenAndRejectedAndTheirLengthsWhereFlipped() {
        float[][] chosen = {{1f}, {2f}, {3f}};
        float[][] rejected = {{-1f}, {-2f}, {-3f}};
        PairSet pairs =
                PairSet.builder()
                        .setPrompts(new float[][] {{0f}, {0f}, {0f}})
                        .setResponses(chosen, rejected)
                        .optLengths(new int[] {10, 20, 30}, new int[] {1, 2, 3})
                        .build();

        PairSet flipped = pairs.flipped(new boolean[] {false, true, false});

        assertThat(flipped.chosen()).isDeepEqualTo(new float[][] {{1f}, {-2f}, {3f}});
        assertThat(flipped.rejected()).isDeepEqualTo(new float[][] {{-1f}, {2f}, {-3f}});
        assertThat(flipped.chosenLengths()).containsExactly(10, 2, 30);
        assertThat(flipped.rejectedLengths()).containsExactly(1, 20, 3);
        assertThat(pairs.chosen()[1]).containsExactly(2f);
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }
}
