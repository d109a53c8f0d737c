package io.rewardloop.retrainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.DriftDetector;
import io.rewardloop.events.ObjectiveReward;
import io.rewardloop.events.RewardScored;
import io.rewardloop.retrainer.drift.DriftSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The service's drift path: rewards on rlhf.rewards in, DriftDetected events out. */
class DriftWatchTest {

    private static final DriftSettings SETTINGS =
            new DriftSettings(100, 0.01, 0.05, 5, 0.05, 100, 8, 50, 100, 0.95, 7L);

    private final Random random = new Random(11);
    private int responses;

    @Test
    void shouldRaiseAKsAlarmOnTheShiftedObjectiveOnlyOnceTheStreamShifts() {
        DriftWatch watch = new DriftWatch(SETTINGS, 400);
        feed(watch, "v1", 400 + 500, 0, true);
        assertThat(watch.takeAlarms()).as("no shift, five windows").isEmpty();
        assertThat(watch.lastCheck()).isPresent();

        feed(watch, "v1", 300, 1.0, true);

        List<ControlEvent> alarms = watch.takeAlarms();
        assertThat(alarms).isNotEmpty();
        assertThat(alarms)
                .map(e -> (DriftDetected) e.getPayload())
                .anySatisfy(
                        d -> {
                            assertThat(d.getDetector()).isEqualTo(DriftDetector.REWARD_KS);
                            assertThat(d.getObjective()).isEqualTo("safety");
                            assertThat(d.getModelVersion()).isEqualTo("v1");
                            assertThat(d.getStatistic()).isGreaterThan(d.getThreshold());
                            assertThat(d.getLiveSize()).isEqualTo(100);
                        })
                .noneSatisfy(d -> assertThat(d.getObjective()).isEqualTo("helpfulness"));
        assertThat(watch.takeAlarms()).as("taken once").isEmpty();
    }

    @Test
    void shouldNotRaiseAgainWhatItReadsAsHistoryAndStartAfreshForANewVersion() {
        DriftWatch watch = new DriftWatch(SETTINGS, 400);
        feed(watch, "v1", 400, 0, false);
        feed(watch, "v1", 300, 1.0, false);
        assertThat(watch.takeAlarms()).as("history").isEmpty();

        feed(watch, "v2", 300, 1.0, true);
        assertThat(watch.takeAlarms()).as("v2 is still building its reference").isEmpty();
    }

    private void feed(DriftWatch watch, String version, int n, double shift, boolean live) {
        for (int i = 0; i < n; i++) {
            List<ObjectiveReward> rewards = new ArrayList<>();
            rewards.add(reward("helpfulness", random.nextGaussian()));
            rewards.add(reward("safety", random.nextGaussian() + shift));
            RewardScored event =
                    RewardScored.newBuilder()
                            .setResponseId("r-" + responses)
                            .setPromptId("p-" + (responses++ / 4))
                            .setPolicyVersion("pi")
                            .setRlhfRound(1)
                            .setModelVersion(version)
                            .setObjectives(rewards)
                            .setScore(random.nextGaussian())
                            .setScoringLatencyMs(1)
                            .setScoredAt(Instant.ofEpochMilli(1_700_000_000_000L + responses))
                            .build();
            watch.onReward(event, live);
        }
    }

    private static ObjectiveReward reward(String objective, double value) {
        return ObjectiveReward.newBuilder()
                .setObjective(objective)
                .setReward(value)
                .setDebiasedReward(value)
                .setGatingWeight(0.5)
                .build();
    }
}
