package io.rewardloop.retrainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaximumMeanDiscrepancyTest {

    @Test
    void shouldComputeTheUnbiasedEstimateByHand() {
        // k(a, b) = exp(-(a - b)^2 / 2): within-sample terms exp(-1/2) each, cross terms at
        // distances 3, 4, 2, 3: MMD^2 = 2 e^-0.5 - (2 e^-4.5 + e^-8 + e^-2) / 2.
        double[][] x = {{0}, {1}};
        double[][] y = {{3}, {4}};
        assertThat(MaximumMeanDiscrepancy.unbiasedSquared(x, y, 1.0))
                .isCloseTo(1.134116949954767, within(1e-12));
    }

    @Test
    void shouldTakeTheLowerMedianPairwiseDistanceAsBandwidth() {
        // distances 1, 3, 4, 2, 3, 1 -> sorted 1 1 2 3 3 4 -> lower median 2
        assertThat(MaximumMeanDiscrepancy.medianDistance(new double[][] {{0}, {1}, {3}, {4}}))
                .isEqualTo(2.0);
    }

    @Test
    void shouldGiveTheSmallestPValueWhenNoPermutationReachesTheObservedSplit() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = points(random, 10, 0.0);
        double[][] y = points(random, 10, 5.0);
        MaximumMeanDiscrepancy.Result result = MaximumMeanDiscrepancy.test(x, y, 50, 0.05, 11);
        // B raised to 5 / 0.05 - 1 = 99, all run: p = (0 + 1) / (99 + 1)
        assertThat(result.permutations()).isEqualTo(99);
        assertThat(result.pValue()).isEqualTo(1.0 / 100);
        assertThat(result.statistic()).isGreaterThan(result.criticalValue());
    }

    @Test
    void shouldStopEarlyWithoutDriftOnceAnAlarmIsImpossible() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] x = points(random, 30, 0.0);
        double[][] y = points(random, 30, 0.0);
        MaximumMeanDiscrepancy.Result result = MaximumMeanDiscrepancy.test(x, y, 100, 0.001, 13);
        assertThat(result.permutations()).isLessThan(4_999);
        assertThat(result.pValue()).isGreaterThan(0.001);
        assertThat(result.criticalValue()).isNaN();
    }

    private static double[][] points(SplittableRandom random, int count, double mean) {
        double[][] points = new double[count][2];
        for (double[] point : points) {
            point[0] = mean + random.nextGaussian();
            point[1] = random.nextGaussian();
        }
        return points;
    }
}
