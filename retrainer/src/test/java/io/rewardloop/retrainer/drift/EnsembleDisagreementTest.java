package io.rewardloop.retrainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EnsembleDisagreementTest {

    // head 0: mean 1, sd sqrt 2; head 1: mean 2, sd 2 sqrt 2
    private final EnsembleDisagreement disagreement =
            EnsembleDisagreement.fit(new double[][] {{0, 0}, {2, 4}});

    @Test
    void shouldBeZeroWhenHeadsAgreeAfterZScoring() {
        assertThat(disagreement.of(new double[] {1, 2})).isCloseTo(0.0, within(1e-12));
        assertThat(disagreement.of(new double[] {2, 4})).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldBeThePopulationDeviationOfTheZScores() {
        // z = (1 / sqrt 2, -1 / sqrt 2): population sd 1 / sqrt 2
        assertThat(disagreement.of(new double[] {2, 0})).isCloseTo(Math.sqrt(0.5), within(1e-12));
    }
}
