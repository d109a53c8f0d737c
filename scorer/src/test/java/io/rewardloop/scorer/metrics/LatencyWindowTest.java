package io.rewardloop.scorer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    @Test
    void shouldGiveNearestRankPercentilesOfTheMostRecentSamples() {
        LatencyWindow window = new LatencyWindow(100);
        for (int i = 1; i <= 300; i++) {
            window.record(i);
        }

        // only 201..300 remain
        assertThat(window.quantiles(0.5, 0.99, 1.0)).containsExactly(250, 299, 300);
    }

    @Test
    void shouldReportNaNWhenEmpty() {
        assertThat(new LatencyWindow(10).quantiles(0.5)[0]).isNaN();
    }
}
