package io.rewardloop.model.robust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreferenceStrengthTest {

    private final PlantedNoise world = new PlantedNoise(400, 8, 40, 11);

    @Test
    void shouldGiveThePlantedMislabelledPairsTheLowestStrength() {
        StrengthEstimate estimate = new PreferenceStrength(5, true, 3).estimate(world.pairs);

        assertThat(estimate.size()).isEqualTo(400);
        assertThat(estimate.members()).isEqualTo(5);
        assertThat(world.recall(estimate, 40))
                .as("planted pairs among the 40 lowest mu (chance: 0.1)")
                .isGreaterThanOrEqualTo(0.8);
        assertThat(java.util.Arrays.stream(estimate.std()).min().getAsDouble())
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldFindPlantedPairsInBagAtLeastAsWellAsOutOfBag() {
        double inBag = world.recall(new PreferenceStrength(5, false, 3).estimate(world.pairs), 40);
        double outOfBag =
                world.recall(new PreferenceStrength(5, true, 3).estimate(world.pairs), 40);

        assertThat(inBag).isGreaterThanOrEqualTo(outOfBag).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void shouldGiveTheSameEstimateForTheSameSeed() {
        StrengthEstimate first = new PreferenceStrength(4, true, 9).estimate(world.pairs);
        StrengthEstimate second = new PreferenceStrength(4, true, 9).estimate(world.pairs);
        StrengthEstimate other = new PreferenceStrength(4, true, 10).estimate(world.pairs);

        assertThat(second.mean()).containsExactly(first.mean());
        assertThat(other.mean()).isNotEqualTo(first.mean());
    }
}
