package io.rewardloop.retrainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiscriminationTest {

    @Test
    void shouldBeOneHalfWhenTheModelCannotTellSamplesApart() {
        assertThat(Discrimination.of(new double[] {0.3, 0.3, 0.3})).isEqualTo(0.5);
    }

    @Test
    void shouldAverageTheSigmoidOfEveryPairsGap() {
        // sigmoid(ln 3) = 3/4; gaps 1, 3, 2: (s(1) + s(3) + s(2)) / 3
        assertThat(Discrimination.of(new double[] {0, Math.log(3)})).isCloseTo(0.75, within(1e-12));
        assertThat(Discrimination.of(new double[] {0, 1, 3}))
                .isCloseTo(0.8548099278101069, within(1e-12));
        assertThat(Discrimination.mean(List.of(new double[] {0, Math.log(3)}, new double[] {2, 2})))
                .isCloseTo(0.625, within(1e-12));
    }

    @Test
    void shouldRefuseAPromptWithOneSample() {
        assertThatThrownBy(() -> Discrimination.of(new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveASmallPValueOnlyWhenJFellBelowTheBoundary() {
        double[] fallen = {0.55, 0.56, 0.54, 0.57, 0.55, 0.56, 0.53, 0.55};
        assertThat(Discrimination.pValueBelow(fallen, 0.7)).isLessThan(1e-6);
        assertThat(Discrimination.pValueBelow(fallen, 0.5)).isGreaterThan(0.999);
    }
}
