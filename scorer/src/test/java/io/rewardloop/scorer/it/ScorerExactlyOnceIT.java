package io.rewardloop.scorer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.kafka.ChildJvm;
import io.rewardloop.schemas.Topics;
import io.rewardloop.scorer.LoopSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly once, not only at least once: a scorer in a child JVM halts (no shutdown hooks, like a
 * SIGKILL) after its second transaction's rewards and offsets reached the broker and before the
 * commit. Those rewards are on {@code rlhf.rewards}, uncommitted; a restarted scorer with the same
 * instance id aborts them and scores their responses again. A read_committed reader, reading to the
 * end offsets, sees every response exactly once; a read_uncommitted reader sees the halted batch's
 * rewards too, so a loop that commits its offsets apart from its output (at least once) would have
 * duplicated them.
 */
class ScorerExactlyOnceIT {

    private static final int RESPONSES = 200;
    private static final String INSTANCE = "scorer-eos";
    private static final Map<String, String> SMALL_BATCHES =
            Map.of(
                    "SCORER_MAX_POLL_RECORDS", "40",
                    "SCORER_BATCH_MAX_WAIT", "PT0.2S",
                    // The halted member leaves the group after 6 s instead of 45 s.
                    "KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000");
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
    void shouldScoreEveryResponseExactlyOnceWhenTheScorerHaltsBetweenSendsAndCommit()
            throws Exception {
        fixture.produceResponses("eos", 0, RESPONSES);
        Map<String, String> halting = new java.util.HashMap<>(SMALL_BATCHES);
        halting.put("SCORER_FAULT_HALT_AFTER_SENDS", "2");
        ChildJvm first = ScorerProcess.start(fixture.bootstrap(), INSTANCE, halting);
        int status = first.awaitExit(Duration.ofSeconds(150));
        assertThat(status)
                .as("halted by the fault injection point; log:\n%s", first.logTail())
                .isEqualTo(LoopSettings.HALT_STATUS);

        Set<String> committedBeforeRestart = ids(read(true));
        List<String> sentBeforeRestart = idList(read(false));
        assertThat(committedBeforeRestart).as("the first transaction committed").isNotEmpty();
        assertThat(sentBeforeRestart.size())
                .as("the halted transaction's rewards reached the broker")
                .isGreaterThan(committedBeforeRestart.size());

        ChildJvm second = ScorerProcess.start(fixture.bootstrap(), INSTANCE, SMALL_BATCHES);
        try {
            fixture.awaitCaughtUp("rlhf-scorer", Duration.ofSeconds(150));
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(
                    "restarted scorer did not finish; log:\n" + second.logTail(), e);
        } finally {
            second.kill();
        }

        List<String> committed = idList(read(true));
        Map<String, Long> counts = counts(committed);
        assertThat(counts).as("every response scored").hasSize(RESPONSES);
        assertThat(counts.values()).as("and exactly once").allMatch(count -> count == 1);

        List<String> everything = idList(read(false));
        Set<String> halted =
                counts(everything).entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
        assertThat(halted)
                .as("read_uncommitted shows the halted batch scored twice (aborted, then again)")
                .isNotEmpty()
                .doesNotContainAnyElementsOf(committedBeforeRestart);
        assertThat(everything).hasSize(RESPONSES + halted.size());
        System.out.printf(
                "exactly-once: %d responses, %d rewards committed before the halt, %d sent by the"
                        + " halted transaction and aborted%n",
                RESPONSES, committedBeforeRestart.size(), halted.size());
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(boolean committed) {
        return fixture.readToEnd(Topics.REWARDS.name(), committed);
    }

    private static List<String> idList(List<ConsumerRecord<byte[], byte[]>> rewards) {
        return rewards.stream().map(ScorerFixture::responseId).collect(Collectors.toList());
    }

    private static Set<String> ids(List<ConsumerRecord<byte[], byte[]>> rewards) {
        return Set.copyOf(idList(rewards));
    }

    private static Map<String, Long> counts(List<String> ids) {
        return ids.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
