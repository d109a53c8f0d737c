package io.rewardloop.retrainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.DriftDetector;
import io.rewardloop.retrainer.drift.DriftSettings;
import io.rewardloop.retrainer.drift.DriftTest;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The feature feed's detectors as the retrainer runs them: embedded responses, bootstrap heads'
 * rewards and the live model's verdicts on fresh labels in, DriftDetected events out.
 */
class EmbeddingWatchTest {

    private static final int WINDOW = 50;
    private static final int DIMS = 8;
    private static final int HEADS = 3;

    // Windows of 50, 1 false alarm per 100 windows, accuracy may fall 0.05, 50 labels a test.
    private static final DriftSettings SETTINGS =
            new DriftSettings(WINDOW, 0.01, 0.05, 5, 0.05, 50, 4, 100, 100, 0.95, 7L);

    private final SplittableRandom random = new SplittableRandom(31);
    private long time;

    @Test
    void shouldNameTheMmdTestOnceTheEmbeddingsShift() {
        EmbeddingWatch watch = started(OptionalDouble.empty());
        feed(watch, 4 * WINDOW, 0, 0, true);
        assertThat(watch.takeAlarms()).as("unshifted").isEmpty();
        assertThat(watch.lastCheck().orElseThrow().tests())
                .extracting(DriftTest::detector)
                .containsExactly(DriftDetector.EMBEDDING_MMD, DriftDetector.ENSEMBLE_DISAGREEMENT);

        feed(watch, 2 * WINDOW, 1.5, 0, true);

        assertThat(alarms(watch))
                .anySatisfy(
                        d -> {
                            assertThat(d.getDetector()).isEqualTo(DriftDetector.EMBEDDING_MMD);
                            assertThat(d.getModelVersion()).isEqualTo("v1");
                            assertThat(d.getStatistic()).isGreaterThan(d.getThreshold());
                            assertThat(d.getPValue()).isLessThan(0.01);
                            assertThat(d.getLiveSize()).isEqualTo(WINDOW);
                        });
    }

    @Test
    void shouldRaiseOnEnsembleDisagreementWhenTheHeadsDrawApart() {
        EmbeddingWatch watch = started(OptionalDouble.empty());
        feed(watch, 4 * WINDOW, 0, 0, true);
        assertThat(watch.takeAlarms()).isEmpty();

        feed(watch, 2 * WINDOW, 0, 2.0, true);

        assertThat(alarms(watch))
                .extracting(DriftDetected::getDetector)
                .contains(DriftDetector.ENSEMBLE_DISAGREEMENT)
                .doesNotContain(DriftDetector.EMBEDDING_MMD);
    }

    @Test
    void shouldRaiseWhenTheLiveModelIsWorseOnFreshLabels() {
        EmbeddingWatch watch = new EmbeddingWatch(SETTINGS, 2 * WINDOW);
        watch.newVersion("v1", OptionalDouble.of(0.8));
        labels(watch, 50, 0.8);
        feed(watch, 3 * WINDOW, 0, 0, true);
        assertThat(watch.takeAlarms())
                .as("labels that waited for the reference, as good")
                .isEmpty();
        assertThat(watch.lastCheck().orElseThrow().tests())
                .extracting(DriftTest::detector)
                .contains(DriftDetector.HUMAN_ACCURACY);

        labels(watch, 50, 0.4);
        feed(watch, WINDOW, 0, 0, true);

        assertThat(alarms(watch))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.getDetector()).isEqualTo(DriftDetector.HUMAN_ACCURACY);
                            assertThat(d.getStatistic()).isLessThan(0.6);
                            assertThat(d.getThreshold()).isEqualTo(0.75, within());
                            assertThat(d.getLiveSize()).isEqualTo(50);
                        });
    }

    @Test
    void shouldNotRaiseWhatItReadsAsHistoryAndStartAfreshForANewVersion() {
        EmbeddingWatch watch = started(OptionalDouble.empty());
        feed(watch, 2 * WINDOW, 0, 0, false);
        feed(watch, 2 * WINDOW, 3.0, 0, false);
        assertThat(watch.lastCheck()).isPresent();
        assertThat(watch.takeAlarms()).as("history").isEmpty();

        watch.newVersion("v2", OptionalDouble.empty());
        assertThat(watch.referenceMissing()).isEqualTo(2 * WINDOW);
        feed(watch, 2 * WINDOW - 1, 3.0, 0, true);
        assertThat(watch.referenceMissing()).isEqualTo(1);
        assertThat(watch.lastCheck()).isEmpty();
        assertThat(watch.takeAlarms()).as("v2 is still building its reference").isEmpty();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }

    private EmbeddingWatch started(OptionalDouble accuracy) {
        EmbeddingWatch watch = new EmbeddingWatch(SETTINGS, 2 * WINDOW);
        watch.newVersion("v1", accuracy);
        return watch;
    }

    private static List<DriftDetected> alarms(EmbeddingWatch watch) {
        return watch.takeAlarms().stream()
                .map(ControlEvent::getPayload)
                .map(DriftDetected.class::cast)
                .toList();
    }

    /**
     * Responses whose embeddings carry 4 N(0, 9) factors over small noise (the first factor's mean
     * shifted by {@code shift} sd), and heads that share one signal plus head noise whose spread
     * grows by {@code spread}.
     */
    private void feed(EmbeddingWatch watch, int n, double shift, double spread, boolean live) {
        for (int i = 0; i < n; i++) {
            float[] embedding = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                double factor = d < 4 ? 3 * (random.nextGaussian() + (d == 0 ? shift : 0)) : 0;
                embedding[d] = (float) (factor + 0.3 * random.nextGaussian());
            }
            double signal = random.nextGaussian();
            double[] heads = new double[HEADS];
            for (int h = 0; h < HEADS; h++) {
                heads[h] = signal + (0.3 + spread) * random.nextGaussian();
            }
            watch.onResponse(time++, embedding, heads, live);
        }
    }

    private void labels(EmbeddingWatch watch, int n, double accuracy) {
        for (int i = 0; i < n; i++) {
            watch.onLabel(random.nextDouble() < accuracy);
        }
    }
}
