package io.rewardloop.scorer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.events.RewardScored;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScorerCrashRecoveryIT {

    private static final int RESPONSES = 600;
    private static ScorerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ScorerFixture();
        ScorerFixture.trainModel();
        fixture.publishModel("v1");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void shouldScoreEveryResponseExactlyOnceAcrossAHardKill() throws Exception {
        fixture.produceResponses("crash", 0, RESPONSES);
        try (ScorerFixture.RewardReader rewards = fixture.rewards()) {
            ScorerProcess first = ScorerProcess.start(fixture.bootstrap(), "scorer-crash");
            boolean started =
                    rewards.readUntil(
                                    r -> r.size() >= 60 || !first.isAlive(),
                                    Duration.ofSeconds(120))
                            && first.isAlive();
            assertThat(started)
                    .as("first scorer scored something; log:\n%s", first.logTail())
                    .isTrue();
            first.kill();
            int beforeRestart = rewards.records.size();
            assertThat(beforeRestart).as("killed mid-stream").isLessThan(RESPONSES);

            ScorerProcess second = ScorerProcess.start(fixture.bootstrap(), "scorer-crash");
            try {
                boolean all =
                        rewards.readUntil(
                                        r -> distinctIds(r) >= RESPONSES || !second.isAlive(),
                                        Duration.ofSeconds(180))
                                && distinctIds(rewards.records) >= RESPONSES;
                assertThat(all)
                        .as("restarted scorer finished; log:\n%s", second.logTail())
                        .isTrue();
                // Give a duplicate the chance to show up: read on until the partitions are quiet.
                rewards.readUntil(r -> false, Duration.ofSeconds(3));
            } finally {
                second.kill();
            }
            Map<String, Long> counts =
                    rewards.records.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            r -> r.value().getResponseId(), Collectors.counting()));
            assertThat(counts).hasSize(RESPONSES);
            assertThat(counts.values()).allMatch(count -> count == 1);
            assertThat(rewards.records)
                    .allSatisfy(r -> assertThat(r.value().getModelVersion()).isEqualTo("v1"));
        }
    }

    private static long distinctIds(List<ConsumerRecord<String, RewardScored>> records) {
        return records.stream().map(r -> r.value().getResponseId()).distinct().count();
    }
}
