package io.rewardloop.retrainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** Reference values: scipy 1.17.1 ({@code stats.t.cdf}, {@code stats.binom.cdf}), math.lgamma. */
class DistributionsTest {

    @Test
    void shouldMatchScipyStudentT() {
        assertThat(Distributions.studentTCdf(-3.0, 19))
                .isCloseTo(0.003680862091934319, Percentage.withPercentage(1e-6));
        assertThat(Distributions.studentTCdf(1.2, 5)).isCloseTo(0.8580544716469487, within(1e-10));
        assertThat(Distributions.studentTCdf(-4.5, 29))
                .isCloseTo(5.076744403242771e-05, Percentage.withPercentage(1e-6));
    }

    @Test
    void shouldMatchScipyBinomialTails() {
        assertThat(Distributions.binomialCdf(25, 50, 0.7))
                .isCloseTo(0.002369547848982267, Percentage.withPercentage(1e-6));
        assertThat(Distributions.binomialCdf(0, 20, 0.3))
                .isCloseTo(0.0007979226629761204, Percentage.withPercentage(1e-6));
        assertThat(Distributions.binomialCdf(60, 100, 0.65))
                .isCloseTo(0.17241500425124903, within(1e-10));
        assertThat(Distributions.binomialCdf(20, 20, 0.3)).isEqualTo(1.0);
    }

    @Test
    void shouldMatchTheLogGamma() {
        assertThat(Distributions.logGamma(10.5)).isCloseTo(13.940625219403763, within(1e-9));
        assertThat(Distributions.logGamma(0.5)).isCloseTo(0.5723649429247004, within(1e-9));
    }
}
