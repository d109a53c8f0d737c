package io.rewardloop.model.robust;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.model.heads.PairSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoisyLabelHandlingTest {

    private final PlantedNoise world = new PlantedNoise(300, 6, 30, 5);

    @Test
    void shouldFlipTheLowestStrengthPairsBack() {
        NoisyLabelHandling handling =
                new NoisyLabelHandling(NoisyLabels.flip(0.1), new PreferenceStrength(5, true, 1));
        Map<String, Double> metrics = new HashMap<>();

        PairSet relabelled = handling.relabel(world.pairs, metrics);

        boolean[] flips = handling.lastFlips();
        int repaired = 0;
        for (int i = 0; i < flips.length; i++) {
            if (flips[i]) {
                assertThat(relabelled.chosen()[i]).isSameAs(world.pairs.rejected()[i]);
                repaired += world.planted[i] ? 1 : 0;
            } else {
                assertThat(relabelled.chosen()[i]).isSameAs(world.pairs.chosen()[i]);
            }
        }
        assertThat(metrics).containsEntry("noisy.flipped", 30.0);
        assertThat(repaired).as("planted pairs among the 30 flipped").isGreaterThanOrEqualTo(24);
        assertThat(relabelled.targets()).isNull();
    }

    @Test
    void shouldSetMarginsToStrengthAndSmoothOnlyNegativeStrength() {
        NoisyLabelHandling handling =
                new NoisyLabelHandling(
                        NoisyLabels.PAPER_RECIPE, new PreferenceStrength(5, true, 1));
        Map<String, Double> metrics = new HashMap<>();

        PairSet relabelled = handling.relabel(world.pairs, metrics);

        double[] mu = handling.lastEstimate().mean();
        int negative = 0;
        for (int i = 0; i < mu.length; i++) {
            assertThat(relabelled.targets().margins()[i]).isEqualTo((float) mu[i]);
            assertThat(relabelled.targets().smoothing()[i]).isEqualTo(mu[i] < 0 ? 0.1f : 0f);
            negative += mu[i] < 0 ? 1 : 0;
        }
        assertThat(negative).isPositive();
        assertThat(metrics).containsEntry("noisy.smoothed", (double) negative);
        assertThat(metrics.get("strength.negative_share")).isEqualTo(negative / 300.0);
    }
}
