package io.rewardloop.retrainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.events.DriftDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

    private static final OptionalDouble NONE = OptionalDouble.empty();

    @Test
    void shouldAlarmOnTheShiftedObjectiveWithinAFewWindows() {
        SyntheticStream stream = new SyntheticStream(21, 3, 0, 0);
        DriftMonitor monitor = new DriftMonitor(settings(200, 0.001));
        monitor.setReference(stream.reference(2000, NONE, NONE));
        stream.shiftObjective(1, 0.5);

        List<DriftCheck> checks = untilAlarm(monitor, stream, 3, 200);

        assertThat(checks.get(0).tests()).hasSize(4);
        List<DriftTest> alarms = checks.stream().flatMap(c -> c.alarms().stream()).toList();
        assertThat(alarms)
                .isNotEmpty()
                .allSatisfy(
                        alarm -> {
                            assertThat(alarm.detector()).isEqualTo(DriftDetector.REWARD_KS);
                            assertThat(alarm.objective()).isEqualTo("objective-1");
                            assertThat(alarm.statistic()).isGreaterThanOrEqualTo(alarm.threshold());
                            assertThat(alarm.referenceSize()).isEqualTo(2000);
                            assertThat(alarm.liveSize()).isEqualTo(200);
                        });
    }

    @Test
    void shouldAlarmOnShiftedEmbeddingsWithinAFewWindows() {
        SyntheticStream stream = new SyntheticStream(22, 1, 8, 0);
        DriftMonitor monitor = new DriftMonitor(settings(100, 0.001));
        monitor.setReference(stream.reference(1000, NONE, NONE));
        stream.shiftEmbeddings(1.0);

        List<DriftCheck> checks = untilAlarm(monitor, stream, 3, 100);

        List<DriftTest> alarms = checks.stream().flatMap(c -> c.alarms().stream()).toList();
        assertThat(alarms)
                .isNotEmpty()
                .allSatisfy(
                        alarm -> {
                            assertThat(alarm.detector()).isEqualTo(DriftDetector.EMBEDDING_MMD);
                            assertThat(alarm.statistic()).isGreaterThan(alarm.threshold());
                            assertThat(alarm.referenceSize()).isEqualTo(100);
                        });
    }

    @Test
    void shouldSplitTheLevelOverEveryTestThatRan() {
        SyntheticStream stream = new SyntheticStream(23, 2, 8, 3);
        DriftMonitor monitor = new DriftMonitor(settings(50, 0.01));
        monitor.setReference(stream.reference(400, OptionalDouble.of(0.6), OptionalDouble.of(0.7)));
        for (int i = 0; i < 20; i++) {
            monitor.observePrompt(stream.prompt(4));
        }
        for (int i = 0; i < 50; i++) {
            monitor.observeHumanLabel(stream.humanLabel(0.7));
        }

        DriftCheck check = checks(monitor, stream, 1, 50).get(0);

        assertThat(check.tests())
                .extracting(DriftTest::detector)
                .containsExactly(
                        DriftDetector.REWARD_KS,
                        DriftDetector.REWARD_KS,
                        DriftDetector.REWARD_KS,
                        DriftDetector.EMBEDDING_MMD,
                        DriftDetector.ENSEMBLE_DISAGREEMENT,
                        DriftDetector.DISCRIMINATION,
                        DriftDetector.HUMAN_ACCURACY);
        assertThat(check.tests()).allSatisfy(t -> assertThat(t.alpha()).isEqualTo(0.01 / 7));
        assertThat(check.window()).isEqualTo(1);
        assertThat(check.windowEndMillis() - check.windowStartMillis()).isEqualTo(49);
    }

    @Test
    void shouldCarryPromptsAndLabelsOverUntilEnoughHaveArrived() {
        SyntheticStream stream = new SyntheticStream(24, 1, 0, 0);
        DriftMonitor monitor = new DriftMonitor(settings(20, 0.01));
        monitor.setReference(stream.reference(200, OptionalDouble.of(0.6), OptionalDouble.of(0.7)));
        for (int i = 0; i < 15; i++) {
            monitor.observePrompt(stream.prompt(3));
        }
        DriftCheck first = checks(monitor, stream, 1, 20).get(0);
        for (int i = 0; i < 5; i++) {
            monitor.observePrompt(stream.prompt(3));
        }
        DriftCheck second = checks(monitor, stream, 1, 20).get(0);

        assertThat(first.tests())
                .extracting(DriftTest::detector)
                .doesNotContain(DriftDetector.DISCRIMINATION);
        assertThat(second.tests())
                .filteredOn(t -> t.detector() == DriftDetector.DISCRIMINATION)
                .singleElement()
                .satisfies(t -> assertThat(t.liveSize()).isEqualTo(20));
        assertThat(second.window()).isEqualTo(2);
    }

    @Test
    void shouldRefuseObservationsWithoutAReferenceOrOfAnotherShape() {
        SyntheticStream stream = new SyntheticStream(25, 2, 0, 0);
        DriftMonitor monitor = new DriftMonitor(settings(20, 0.01));
        assertThatThrownBy(() -> monitor.observe(stream.next()))
                .isInstanceOf(IllegalStateException.class);

        monitor.setReference(stream.reference(100, NONE, NONE));
        ScoredResponse oneObjective = new ScoredResponse(0, new double[] {1}, 0, null, null);
        assertThatThrownBy(() -> monitor.observe(oneObjective))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("objective rewards");
    }

    static DriftSettings settings(int window, double falseAlarmRate) {
        return new DriftSettings(
                window, falseAlarmRate, 0.05, 20, 0.05, 50, 4, 100, 100, 0.95, 17L);
    }

    // Windows up to and including the first that alarms, at most maxWindows.
    private static List<DriftCheck> untilAlarm(
            DriftMonitor monitor, SyntheticStream stream, int maxWindows, int windowSize) {
        List<DriftCheck> checks = new ArrayList<>();
        while (checks.size() < maxWindows
                && (checks.isEmpty() || !checks.get(checks.size() - 1).alarmed())) {
            checks.addAll(checks(monitor, stream, 1, windowSize));
        }
        return checks;
    }

    private static List<DriftCheck> checks(
            DriftMonitor monitor, SyntheticStream stream, int windows, int windowSize) {
        List<DriftCheck> checks = new ArrayList<>();
        for (int i = 0; i < windows * windowSize; i++) {
            Optional<DriftCheck> check = monitor.observe(stream.next());
            assertThat(check.isPresent()).isEqualTo((i + 1) % windowSize == 0);
            check.ifPresent(checks::add);
        }
        return checks;
    }
}
