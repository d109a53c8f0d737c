package io.rewardloop.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReservoirTest {

    @Test
    void shouldGiveExactQuantilesWhileEverythingFits() {
        Reservoir sample = new Reservoir(100, 1);
        for (int i = 1; i <= 11; i++) {
            sample.add(i);
        }

        assertThat(sample.quantiles(0.0, 0.1, 0.5, 0.9, 1.0)).containsExactly(1, 2, 6, 10, 11);
        assertThat(sample.mean()).isEqualTo(6.0);
        assertThat(sample.count()).isEqualTo(11);
    }

    @Test
    void shouldKeepAtMostItsCapacityAndStillEstimateQuantiles() {
        double[] meanQuantiles = new double[3];
        int runs = 20;
        for (int run = 0; run < runs; run++) {
            Reservoir sample = new Reservoir(200, run);
            Random random = new Random(1000 + run);
            double sum = 0;
            for (int i = 0; i < 20_000; i++) {
                double value = random.nextDouble();
                sum += value;
                sample.add(value);
            }
            assertThat(sample.kept()).isEqualTo(200);
            assertThat(sample.count()).isEqualTo(20_000);
            assertThat(sample.mean()).isCloseTo(sum / 20_000, within(1e-12));
            double[] q = sample.quantiles(0.1, 0.5, 0.9);
            for (int j = 0; j < 3; j++) {
                meanQuantiles[j] += q[j] / runs;
            }
        }

        // unbiased: averaged over 20 samples of 200 from U(0, 1), each quantile within ~3 sigma
        assertThat(meanQuantiles[0]).isCloseTo(0.1, within(0.015));
        assertThat(meanQuantiles[1]).isCloseTo(0.5, within(0.025));
        assertThat(meanQuantiles[2]).isCloseTo(0.9, within(0.015));
    }

    @Test
    void shouldIgnoreNonFiniteValuesAndAnswerNanWhenEmpty() {
        Reservoir sample = new Reservoir(10, 1);
        sample.add(Double.NaN);
        sample.add(Double.POSITIVE_INFINITY);

        assertThat(sample.count()).isZero();
        assertThat(sample.mean()).isNaN();
        assertThat(sample.quantiles(0.5)[0]).isNaN();
    }

    @Test
    void shouldDrawTheSameSampleForTheSameSeed() {
        Reservoir a = new Reservoir(20, 11);
        Reservoir b = new Reservoir(20, 11);
        for (int i = 0; i < 5000; i++) {
            a.add(i);
            b.add(i);
        }

        assertThat(a.quantiles(0.1, 0.5, 0.9)).containsExactly(b.quantiles(0.1, 0.5, 0.9));
    }
}
