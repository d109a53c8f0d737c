package io.rewardloop.retrainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrincipalComponentsTest {

    @Test
    void shouldFindTheDirectionOfLargestVariance() {
        SplittableRandom random = new SplittableRandom(1);
        float[][] data = new float[400][3];
        for (float[] row : data) {
            double along = 5 * random.nextGaussian();
            row[0] = (float) (along + 0.1 * random.nextGaussian() + 2);
            row[1] = (float) (along + 0.1 * random.nextGaussian() - 1);
            row[2] = (float) (0.5 * random.nextGaussian());
        }
        PrincipalComponents pca = PrincipalComponents.fit(data, 2, 9);
        double[] first = pca.component(0);
        double[] second = pca.component(1);
        assertThat(Math.abs(first[0] + first[1]) / Math.sqrt(2)).isCloseTo(1.0, within(1e-3));
        assertThat(Math.abs(second[2])).isCloseTo(1.0, within(1e-2));
        // centred: the mean point projects to about zero
        assertThat(pca.project(new float[] {2, -1, 0})[0]).isCloseTo(0.0, within(0.2));
    }
}
