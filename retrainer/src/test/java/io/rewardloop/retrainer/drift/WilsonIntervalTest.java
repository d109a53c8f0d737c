package io.rewardloop.retrainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

    private static final double Z95 = 1.959963984540054;

    @Test
    void shouldMatchNewcombesTextbookIntervals() {
        // Newcombe (1998), Statistics in Medicine 17:857-872, worked examples, Wilson score method
        assertThat(WilsonInterval.lowerBound(81, 263, Z95)).isCloseTo(0.2553, within(5e-5));
        assertThat(WilsonInterval.upperBound(81, 263, Z95)).isCloseTo(0.3662, within(5e-5));
        assertThat(WilsonInterval.lowerBound(15, 148, Z95)).isCloseTo(0.0624, within(5e-5));
        assertThat(WilsonInterval.upperBound(15, 148, Z95)).isCloseTo(0.1605, within(5e-5));
        assertThat(WilsonInterval.lowerBound(0, 20, Z95)).isEqualTo(0.0);
        assertThat(WilsonInterval.upperBound(0, 20, Z95)).isCloseTo(0.1611, within(5e-5));
        assertThat(WilsonInterval.lowerBound(1, 29, Z95)).isCloseTo(0.0061, within(5e-5));
    }
}
