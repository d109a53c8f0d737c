package io.rewardloop.retrainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Reference values: scipy 1.17.1, {@code scipy.stats.ks_2samp(a, b, method="exact")}. */
class KolmogorovSmirnovTest {

    @Test
    void shouldGiveTheHandCountedExactPValueOfSeparatedSamples() {
        // D = 1 for 2 of the C(4, 2) = 6 interleavings, 2 of C(6, 3) = 20 for three each.
        assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2}, new double[] {3, 4}))
                .isEqualTo(1.0);
        assertThat(KolmogorovSmirnov.exactPValue(1.0, 2, 2)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(KolmogorovSmirnov.exactPValue(1.0, 3, 3)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void shouldMatchScipyExactOnUnequalSizes() {
        double[] a = {0.1, 0.5, 0.9, 1.3, 2.0, 2.2, 3.1};
        double[] b = {0.4, 1.0, 1.1, 1.5, 2.5, 2.6, 3.3, 3.9, 4.2};
        double d = KolmogorovSmirnov.statistic(a, b);
        assertThat(d).isCloseTo(0.4126984126984127, within(1e-12));
        assertThat(KolmogorovSmirnov.pValue(d, 7, 9)).isCloseTo(0.4302447552447553, within(1e-10));
    }

    @Test
    void shouldMatchScipyExactOnLargerSamples() {
        double[] a = IntStream.rangeClosed(1, 20).mapToDouble(i -> (i * 0.37) % 1).toArray();
        double[] b = IntStream.rangeClosed(1, 30).mapToDouble(j -> (j * 0.61) % 1 + 0.2).toArray();
        double d = KolmogorovSmirnov.statistic(a, b);
        assertThat(d).isCloseTo(0.26666666666666666, within(1e-12));
        assertThat(KolmogorovSmirnov.pValue(d, 20, 30))
                .isCloseTo(0.32377010436582404, within(1e-10));
    }

    @Test
    void shouldMatchTheCorrectedKolmogorovDistributionAsymptotically() {
        // scipy.stats.kstwobign.sf((sqrt(ne) + 0.12 + 0.11 / sqrt(ne)) * D), ne = n m / (n + m);
        // scipy's own ks_2samp(method="asymp") gives 0.0027528 for the first case.
        assertThat(KolmogorovSmirnov.asymptoticPValue(0.07, 1000, 2000))
                .isCloseTo(0.0027306329352598476, within(1e-9));
        assertThat(KolmogorovSmirnov.pValue(0.07, 1000, 2000))
                .isCloseTo(0.0027306329352598476, within(1e-9));
        assertThat(KolmogorovSmirnov.asymptoticPValue(0.12, 300, 400))
                .isCloseTo(0.0130195123205196, within(1e-9));
    }

    @Test
    void shouldAgreeBetweenExactAndAsymptoticForModerateSamples() {
        assertThat(KolmogorovSmirnov.exactPValue(0.2, 200, 300))
                .isCloseTo(KolmogorovSmirnov.asymptoticPValue(0.2, 200, 300), within(2e-4));
    }

    @Test
    void shouldWidenTheCriticalValueByTheReferencesDkwMargin() {
        // sqrt(ln(2 / 0.05) / 2000) and 2 exp(-2 * 50 * 0.2^2) = 2 e^-4
        double margin = KolmogorovSmirnov.referenceMargin(1000, 0.05);
        assertThat(margin).isCloseTo(Math.sqrt(Math.log(40) / 2000), within(1e-15));
        assertThat(KolmogorovSmirnov.pValueAgainstReference(margin + 0.2, 50, margin))
                .isCloseTo(2 * Math.exp(-4), within(1e-12));
        assertThat(KolmogorovSmirnov.pValueAgainstReference(margin / 2, 50, margin)).isEqualTo(1.0);
        double critical = KolmogorovSmirnov.criticalValueAgainstReference(50, margin, 0.01);
        assertThat(KolmogorovSmirnov.pValueAgainstReference(critical, 50, margin))
                .isCloseTo(0.01, within(1e-12));
    }

    @Test
    void shouldTreatTiesAsOneStep() {
        assertThat(KolmogorovSmirnov.statistic(new double[] {1, 1, 2}, new double[] {1, 2, 2}))
                .isCloseTo(1.0 / 3, within(1e-12));
    }
}
