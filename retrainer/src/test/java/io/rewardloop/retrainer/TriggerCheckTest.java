package io.rewardloop.retrainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.DriftDetector;
import io.rewardloop.events.RetrainRequested;
import io.rewardloop.events.RetrainTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TriggerCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    private final AtomicInteger pairs = new AtomicInteger();
    private final List<ControlEvent> alarms = new ArrayList<>();

    private TriggerCheck check(int count, Duration schedule, boolean onDrift) {
        return new TriggerCheck(
                new TriggerSettings(count, schedule, onDrift, Duration.ofSeconds(1)),
                pairs::get,
                () -> {
                    List<ControlEvent> taken = List.copyOf(alarms);
                    alarms.clear();
                    return taken;
                },
                T0);
    }

    @Test
    void shouldAskOnceWhenEnoughNewPairsArrivedAndAgainOnlyAfterARound() {
        TriggerCheck check = check(100, Duration.ZERO, false);
        pairs.set(99);
        assertThat(check.check(T0.plusSeconds(1))).isEmpty();

        pairs.set(100);
        List<ControlEvent> asked = check.check(T0.plusSeconds(2));
        assertThat(asked)
                .singleElement()
                .satisfies(e -> assertThat(trigger(e)).isEqualTo(RetrainTrigger.FEEDBACK_COUNT));
        pairs.set(500);
        assertThat(check.check(T0.plusSeconds(3))).as("a request is pending").isEmpty();

        check.roundFinished(500, T0.plusSeconds(4));
        pairs.set(599);
        assertThat(check.check(T0.plusSeconds(5))).isEmpty();
        pairs.set(600);
        assertThat(check.check(T0.plusSeconds(6))).hasSize(1);
    }

    @Test
    void shouldCountFromThePairsTheLiveVersionWasTrainedOn() {
        TriggerCheck check = check(100, Duration.ZERO, false);
        check.trainedOn(1000);
        pairs.set(1050);
        assertThat(check.check(T0.plusSeconds(1))).isEmpty();
        pairs.set(1100);
        assertThat(check.check(T0.plusSeconds(2))).hasSize(1);
    }

    @Test
    void shouldAskOnScheduleAndCheckNoMoreOftenThanItsInterval() {
        TriggerCheck check = check(0, Duration.ofMinutes(10), false);
        assertThat(check.check(T0.plusSeconds(599))).isEmpty();
        assertThat(check.check(T0.plusMillis(599_500))).as("within the check interval").isEmpty();
        assertThat(check.check(T0.plusSeconds(600)))
                .singleElement()
                .satisfies(e -> assertThat(trigger(e)).isEqualTo(RetrainTrigger.SCHEDULE));
    }

    @Test
    void shouldPassDriftAlarmsOnAndAskForARoundOnlyWhenDriftTriggers() {
        alarms.add(drift());
        List<ControlEvent> reportOnly = check(0, Duration.ZERO, false).check(T0.plusSeconds(1));
        assertThat(reportOnly)
                .singleElement()
                .satisfies(e -> assertThat(e.getPayload()).isInstanceOf(DriftDetected.class));

        alarms.add(drift());
        pairs.set(1);
        List<ControlEvent> asked = check(0, Duration.ZERO, true).check(T0.plusSeconds(1));
        assertThat(asked).hasSize(2);
        assertThat(trigger(asked.get(1))).isEqualTo(RetrainTrigger.DRIFT);
    }

    @Test
    void shouldWaitForANewLabelledPairBeforeAskingOnDriftAgain() {
        TriggerCheck check = check(0, Duration.ZERO, true);
        check.trainedOn(10);
        pairs.set(10);
        alarms.add(drift());
        assertThat(check.check(T0.plusSeconds(1)))
                .as("the alarm is written, but a round would train on the same pairs")
                .singleElement()
                .satisfies(e -> assertThat(e.getPayload()).isInstanceOf(DriftDetected.class));

        pairs.set(11);
        assertThat(check.check(T0.plusSeconds(2)))
                .as("the alarm waited for a new pair")
                .singleElement()
                .satisfies(e -> assertThat(trigger(e)).isEqualTo(RetrainTrigger.DRIFT));

        check.roundFinished(11, T0.plusSeconds(3));
        alarms.add(drift());
        assertThat(check.check(T0.plusSeconds(4))).hasSize(1);
        pairs.set(12);
        assertThat(check.check(T0.plusSeconds(5)))
                .singleElement()
                .satisfies(e -> assertThat(trigger(e)).isEqualTo(RetrainTrigger.DRIFT));
    }

    private static RetrainTrigger trigger(ControlEvent event) {
        return ((RetrainRequested) event.getPayload()).getTrigger();
    }

    private static ControlEvent drift() {
        return ControlEvents.wrap(
                DriftDetected.newBuilder()
                        .setModelVersion("v1")
                        .setDetector(DriftDetector.REWARD_KS)
                        .setStatistic(0.4)
                        .setThreshold(0.2)
                        .setReferenceSize(100)
                        .setLiveSize(100)
                        .setWindowStart(T0)
                        .setWindowEnd(T0)
                        .build());
    }
}
