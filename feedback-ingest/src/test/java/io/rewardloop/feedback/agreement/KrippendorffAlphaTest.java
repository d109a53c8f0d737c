package io.rewardloop.feedback.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KrippendorffAlphaTest {

    /**
     * The reliability data of Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011),
     * section C: observers A, B, C, D (rows), units 1-12 (columns), null = missing. The paper
     * reports alpha = 0.743 (nominal) and 0.849 (interval) for these data.
     */
    static final Double[][] PAPER = {
        {1.0, 2.0, 3.0, 3.0, 2.0, 1.0, 4.0, 1.0, 2.0, null, null, null},
        {1.0, 2.0, 3.0, 3.0, 2.0, 2.0, 4.0, 1.0, 2.0, 5.0, null, 3.0},
        {null, 3.0, 3.0, 3.0, 2.0, 3.0, 4.0, 2.0, 2.0, 5.0, 1.0, null},
        {1.0, 2.0, 3.0, 3.0, 2.0, 4.0, 4.0, 1.0, 2.0, 5.0, 1.0, null}
    };

    static List<List<Double>> paperUnits() {
        List<List<Double>> units = new ArrayList<>();
        for (int unit = 0; unit < 12; unit++) {
            List<Double> values = new ArrayList<>();
            for (Double[] observer : PAPER) {
                if (observer[unit] != null) {
                    values.add(observer[unit]);
                }
            }
            units.add(values);
        }
        return units;
    }

    @Test
    void shouldReproduceThePublishedIntervalAlpha() {
        assertThat(KrippendorffAlpha.interval(paperUnits()).getAsDouble())
                .isCloseTo(0.849, within(0.0005));
    }

    @Test
    void shouldReproduceThePublishedNominalAlpha() {
        assertThat(KrippendorffAlpha.nominal(paperUnits()).getAsDouble())
                .isCloseTo(0.743, within(0.0005));
    }

    @Test
    void shouldMatchAHandComputedIntervalCase() {
        // Units {1, 2} and {3, 3}: n = 4; D_o = (2/1 + 0)/4 = 0.5; ordered pairs over 1,2,3,3
        // sum to 22, D_e = 22/(4*3); alpha = 1 - 0.5 * 12/22 = 8/11.
        assertThat(
                        KrippendorffAlpha.interval(List.of(List.of(1.0, 2.0), List.of(3.0, 3.0)))
                                .getAsDouble())
                .isCloseTo(8.0 / 11.0, within(1e-12));
    }

    @Test
    void shouldIgnoreUnpairableUnitsAndBeInvariantToRescaling() {
        List<List<Double>> raw = List.of(List.of(1.0, 2.0), List.of(3.0, 3.0), List.of(5.0));
        List<List<Double>> scaled = List.of(List.of(0.0, 0.25), List.of(0.5, 0.5), List.of(1.0));
        assertThat(KrippendorffAlpha.interval(raw).getAsDouble())
                .isCloseTo(8.0 / 11.0, within(1e-12));
        assertThat(KrippendorffAlpha.interval(scaled).getAsDouble())
                .isCloseTo(8.0 / 11.0, within(1e-12));
    }

    @Test
    void shouldBeOneOnPerfectAgreementAndUndefinedWithoutVariation() {
        assertThat(KrippendorffAlpha.interval(List.of(List.of(1.0, 1.0), List.of(4.0, 4.0, 4.0))))
                .hasValue(1.0);
        assertThat(KrippendorffAlpha.interval(List.of(List.of(2.0, 2.0), List.of(2.0, 2.0))))
                .isEmpty();
        assertThat(KrippendorffAlpha.interval(List.of(List.of(2.0), List.of(3.0)))).isEmpty();
    }
}
