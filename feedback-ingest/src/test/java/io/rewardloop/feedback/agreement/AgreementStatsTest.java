package io.rewardloop.feedback.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rewardloop.feedback.agreement.AgreementReport.AnnotatorAgreement;
import io.rewardloop.feedback.agreement.AgreementReport.ObjectiveAgreement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-computed case: every figure below is worked out in the comments. */
class AgreementStatsTest {

    static final List<Unit> PAIRS =
            List.of(
                    // a, b, c on one pair: pairs (a,b) agree, (a,c) and (b,c) do not -> 1 of 3.
                    new Unit("helpfulness", Map.of("a", "first", "b", "first", "c", "second")),
                    // a, b both tie -> 1 of 1.
                    new Unit("harmlessness", Map.of("a", "tie", "b", "tie")),
                    // one vote: not comparable, ignored.
                    new Unit("helpfulness", Map.of("a", "first")));

    static final List<Unit> RATINGS =
            List.of(
                    new Unit("helpfulness", Map.of("a", 0.0, "b", 0.25)),
                    new Unit("helpfulness", Map.of("a", 0.5, "b", 0.5)),
                    new Unit("harmlessness", Map.of("a", 1.0, "c", 0.0)));

    /** Checks the report of {@link #PAIRS} and {@link #RATINGS}; shared with the topology test. */
    static void assertHandComputed(AgreementReport report) {
        ObjectiveAgreement overall = report.overall();
        assertThat(overall.objective()).isEqualTo(AgreementStats.OVERALL);
        assertThat(overall.pairs()).isEqualTo(2);
        assertThat(overall.pairComparisons()).isEqualTo(4);
        assertThat(overall.pairAgreement()).isCloseTo(2.0 / 4.0, within(1e-12));
        assertThat(overall.ratedResponses()).isEqualTo(3);
        assertThat(overall.pairableRatings()).isEqualTo(6);
        // Pool 0, .25, .5, .5, 1, 0: within-unit sums 2*(.0625) + 0 + 2*1 = 2.125 (each over
        // m-1 = 1); expected 2*(6*1.5625 - 2.25^2)/5 = 1.725; alpha = 1 - 2.125/1.725.
        assertThat(overall.alpha()).isCloseTo(1 - 2.125 / 1.725, within(1e-12));

        assertThat(report.objectives())
                .extracting(ObjectiveAgreement::objective)
                .containsExactly("harmlessness", "helpfulness");
        ObjectiveAgreement harmless = report.objectives().get(0);
        assertThat(harmless.pairAgreement()).isEqualTo(1.0);
        // One unit {1, 0}: D_o = D_e, alpha 0.
        assertThat(harmless.alpha()).isCloseTo(0.0, within(1e-12));
        ObjectiveAgreement helpful = report.objectives().get(1);
        assertThat(helpful.pairs()).isEqualTo(1);
        assertThat(helpful.pairAgreement()).isCloseTo(1.0 / 3.0, within(1e-12));
        // {0, .25}, {.5, .5}: the scaled KrippendorffAlphaTest case, 8/11.
        assertThat(helpful.alpha()).isCloseTo(8.0 / 11.0, within(1e-12));

        // Majority: on the first pair c's others both say "first" (c disagrees); a's and b's
        // others split 1:1 (no majority, not counted); on the tie pair a and b agree with the
        // other.
        // Ratings: a deviates .25, 0, 1 from the others' mean; b .25, 0; c 1.
        assertThat(report.annotators())
                .containsExactly(
                        new AnnotatorAgreement("a", 1, 1.0, 3, 1.25 / 3),
                        new AnnotatorAgreement("b", 1, 1.0, 2, 0.125),
                        new AnnotatorAgreement("c", 1, 0.0, 1, 1.0));
    }

    @Test
    void shouldComputeTheHandComputedFigures() {
        assertHandComputed(AgreementStats.compute(PAIRS, RATINGS));
    }

    @Test
    void shouldLeaveFiguresUndefinedWithNothingToCompare() {
        AgreementReport report =
                AgreementStats.compute(
                        List.of(new Unit("x", Map.of("a", "first"))),
                        List.of(new Unit("x", Map.of("a", 0.5))));
        assertThat(report.overall().pairAgreement()).isNull();
        assertThat(report.overall().alpha()).isNull();
        assertThat(report.overall().pairs()).isZero();
        assertThat(report.annotators()).isEmpty();
    }
}
