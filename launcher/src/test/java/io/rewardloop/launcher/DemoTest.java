package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rewardloop.common.ConfigException;
import io.rewardloop.launcher.DemoScorerClient.PairVerdict;
import io.rewardloop.model.data.PreferencePair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo's data split and its paired test, without services. */
class DemoTest {

    private static final DemoSizes SIZES = new DemoSizes(3, 50, 100, 80);

    @Test
    void shouldSplitTheShippedLabelsIntoDisjointPartsWithTheirObjectives() {
        DemoData data = DemoData.load(SIZES, 42);

        assertThat(data.initial()).hasSize(100);
        assertThat(data.rounds()).hasSize(3).allSatisfy(r -> assertThat(r).hasSize(50));
        assertThat(data.heldOut()).hasSize(80);
        assertThat(data.initial())
                .extracting(PreferencePair::objective)
                .containsOnly(DemoData.HELPFULNESS);
        assertThat(data.rounds().get(0))
                .extracting(PreferencePair::objective)
                .containsOnly(DemoData.HELPFULNESS);
        assertThat(data.rounds().get(2))
                .extracting(PreferencePair::objective)
                .containsOnly(DemoData.HARMLESSNESS);
        assertThat(data.heldOut())
                .extracting(PreferencePair::objective)
                .containsOnly(DemoData.HARMLESSNESS);
        List<PreferencePair> all = new ArrayList<>(data.initial());
        data.rounds().forEach(all::addAll);
        all.addAll(data.heldOut());
        Set<PreferencePair> distinct = new HashSet<>(all);
        assertThat(distinct).hasSize(all.size());
    }

    @Test
    void shouldSplitTheSameWayForTheSameSeedAndOtherwiseForAnother() {
        DemoData first = DemoData.load(SIZES, 42);

        assertThat(DemoData.load(SIZES, 42)).isEqualTo(first);
        assertThat(DemoData.load(SIZES, 7).heldOut()).isNotEqualTo(first.heldOut());
    }

    @Test
    void shouldRefuseSizesTheFilesCannotFill() {
        assertThatThrownBy(() -> DemoData.load(new DemoSizes(2, 2000, 1000, 10), 42))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("helpful-base");
    }

    @Test
    void shouldGiveTheExactOneSidedSignTestPValue() {
        assertThat(SignTest.pValue(0, 0)).isEqualTo(1.0);
        assertThat(SignTest.pValue(5, 0)).isCloseTo(1 / 32.0, within(1e-12));
        // P(X >= 8), X ~ Binomial(10, 1/2) = (45 + 10 + 1) / 1024
        assertThat(SignTest.pValue(8, 2)).isCloseTo(56 / 1024.0, within(1e-12));
        assertThat(SignTest.pValue(0, 10)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldCountOnlyTheDiscordantPairs() {
        DemoHeldOut before =
                DemoHeldOut.of(
                        List.of(
                                new PairVerdict(1, 0, "v1"),
                                new PairVerdict(0, 1, "v1"),
                                new PairVerdict(0, 1, "v1"),
                                new PairVerdict(1, 0, "v1")));
        DemoHeldOut after =
                DemoHeldOut.of(
                        List.of(
                                new PairVerdict(1, 0, "v2"),
                                new PairVerdict(1, 0, "v2"),
                                new PairVerdict(1, 0, "v2"),
                                new PairVerdict(0, 1, "v2")));

        DemoHeldOut.Comparison c = before.against(after);

        assertThat(before.agreement()).isEqualTo(0.5);
        assertThat(after.agreement()).isEqualTo(0.75);
        assertThat(after.version()).isEqualTo("v2");
        assertThat(c.wins()).isEqualTo(2);
        assertThat(c.losses()).isEqualTo(1);
        assertThat(c.pValue()).isCloseTo(0.5, within(1e-12));
    }
}
