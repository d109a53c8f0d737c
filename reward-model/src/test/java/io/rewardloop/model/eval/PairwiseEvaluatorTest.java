package io.rewardloop.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rewardloop.model.data.PreferencePair;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairwiseEvaluatorTest {

    @Test
    void shouldCountTiesAsHalfAndReportPerSubsetAndObjective() {
        List<PreferencePair> pairs =
                List.of(
                        new PreferencePair("p", "a", "b", "helpfulness", "s1"),
                        new PreferencePair("p", "a", "b", "helpfulness", "s2"),
                        new PreferencePair("p", "a", "b", "harmlessness", "s2"),
                        new PreferencePair("p", "a", "b", null, null));

        AccuracyReport report =
                PairwiseEvaluator.evaluate(
                        pairs, new double[] {1, 0, 2, 5}, new double[] {0, 1, 2, 4});

        assertThat(report.pairs()).isEqualTo(4);
        assertThat(report.accuracy()).isCloseTo(2.5 / 4, within(1e-12));
        assertThat(report.bySubset().get("s1")).isEqualTo(new AccuracyReport.GroupAccuracy(1, 1.0));
        assertThat(report.bySubset().get("s2"))
                .isEqualTo(new AccuracyReport.GroupAccuracy(2, 0.25));
        assertThat(report.byObjective().get("helpfulness"))
                .isEqualTo(new AccuracyReport.GroupAccuracy(2, 0.5));
        assertThat(report.byObjective()).containsOnlyKeys("helpfulness", "harmlessness");
    }

    @Test
    void shouldRefuseScoresThatDoNotMatchThePairs() {
        List<PreferencePair> pairs = List.of(new PreferencePair("p", "a", "b", null, null));

        assertThatThrownBy(() -> PairwiseEvaluator.evaluate(pairs, new double[2], new double[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 pairs, 2 and 1 scores");
    }
}
