package io.rewardloop.model.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    @Test
    void shouldFindNoDifferenceBetweenIdenticalOutcomes() {
        double[] outcomes = outcomes(300, 0.6, 1);

        PairedBootstrap result =
                PairedBootstrap.compare(List.of(outcomes), List.of(outcomes.clone()), 500, 2);

        assertThat(result.delta()).isZero();
        assertThat(result.p()).isEqualTo(1.0);
    }

    @Test
    void shouldFindAClearImprovementSignificant() {
        double[] base = outcomes(400, 0.55, 3);
        double[] better = base.clone();
        for (int i = 0; i < better.length; i += 8) {
            better[i] = 1;
        }

        PairedBootstrap result =
                PairedBootstrap.compare(List.of(base, base), List.of(better, better), 1000, 4);

        assertThat(result.delta()).isPositive();
        assertThat(result.low()).isPositive();
        assertThat(result.high()).isGreaterThan(result.delta());
        assertThat(result.p()).isLessThan(0.01);
        assertThat(result.delta()).isCloseTo(diffMean(base, better), within(1e-12));
    }

    private static double diffMean(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += b[i] - a[i];
        }
        return s / a.length;
    }

    private static double[] outcomes(int n, double accuracy, long seed) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble() < accuracy ? 1 : 0;
        }
        return out;
    }
}
