package io.rewardloop.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.data.RatedExample;
import io.rewardloop.model.heads.ObjectiveKind;
import io.rewardloop.model.heads.PairSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectivePlanTest {

    private static PreferencePair pair(String objective) {
        return new PreferencePair("p", "a", "b", objective, null);
    }

    @Test
    void shouldNameObjectivesInOrderOfAppearanceAndAddTheLengthStandIn() {
        List<PreferencePair> pairs = List.of(pair("helpfulness"), pair("harmlessness"), pair(null));

        ObjectivePlan plan = ObjectivePlan.of(HeadKind.ARMO, pairs, List.of(), true);

        assertThat(plan.objectives().names())
                .containsExactly("helpfulness", "harmlessness", "length");
        assertThat(plan.objectives().get(2).kind()).isEqualTo(ObjectiveKind.LENGTH);
        assertThat(plan.objectiveIndices(pairs)).containsExactly(0, 1, PairSet.NO_OBJECTIVE);
    }

    @Test
    void shouldUseOneDefaultObjectiveWhenNothingIsNamed() {
        List<PreferencePair> pairs = List.of(pair(null), pair(null));

        ObjectivePlan plan = ObjectivePlan.of(HeadKind.ARMO, pairs, List.of(), false);

        assertThat(plan.objectives().names()).containsExactly("preference");
        assertThat(plan.objectiveIndices(pairs)).containsExactly(0, 0);
    }

    @Test
    void shouldDebiasAgainstARatedVerbosityInsteadOfLength() {
        List<RatedExample> ratings =
                List.of(new RatedExample("p", "r", Map.of("verbosity", 0.5, "helpfulness", 1.0)));

        ObjectivePlan plan = ObjectivePlan.of(HeadKind.ARMO, List.of(), ratings, true);

        assertThat(plan.objectives().names()).containsExactlyInAnyOrder("verbosity", "helpfulness");
        assertThat(plan.objectives().get(plan.objectives().indexOf("verbosity")).kind())
                .isEqualTo(ObjectiveKind.VERBOSITY);
    }

    @Test
    void shouldPutEveryPairUnderOneObjectiveForTheLinearBaseline() {
        List<PreferencePair> pairs = List.of(pair("helpfulness"), pair("harmlessness"));

        ObjectivePlan plan = ObjectivePlan.of(HeadKind.LINEAR, pairs, List.of(), true);

        assertThat(plan.objectives().names()).containsExactly("preference");
        assertThat(plan.objectiveIndices(pairs)).containsExactly(0, 0);
        assertThatThrownBy(
                        () ->
                                ObjectivePlan.of(
                                        HeadKind.LINEAR,
                                        pairs,
                                        List.of(new RatedExample("p", "r", Map.of("a", 1.0))),
                                        true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pairs only");
    }
}
