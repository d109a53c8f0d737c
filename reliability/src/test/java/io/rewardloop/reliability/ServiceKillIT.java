package io.rewardloop.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The scorer, the feedback ingest and the retrainer, each a child JVM from the launcher's jar, are
 * killed with SIGKILL at random moments (fixed seed) while responses and feedback flow, and started
 * again at once, three times each; the retrainer always while a round runs, and then once frozen
 * (SIGSTOP) mid-round past its session timeout. Afterwards every acknowledged response is scored
 * exactly once, every feedback answered 2xx is recorded exactly once, each round request has
 * exactly one {@code RoundFinished}, and no version is published twice.
 */
class ServiceKillIT {

    private static final long SEED = 42;
    private static final int KILLS = 3;

    /** Bounds on the traffic, which stops when the last service is back. */
    private static final int MAX_RECORDS = 100_000;

    /** Preferences recorded before the first kill: enough for the retrainer's rounds. */
    private static final int WARM_UP_PREFERENCES = 40;

    /** A kill comes this long, at random, after the service is healthy again. */
    private static final int MIN_PAUSE_MS = 1_000;

    private static final int MAX_PAUSE_MS = 5_000;

    /**
     * The retrainer's last fault: frozen mid-round for longer than its session timeout (6 s), so
     * the group forgets it before the round commits.
     */
    private static final Duration FREEZE = Duration.ofSeconds(10);

    @Test
    void shouldAccountForEveryRecordOnceWhenServicesAreKilledAtRandomMoments() throws Exception {
        long began = System.nanoTime();
        Random seeds = new Random(SEED);
        AtomicInteger killedMidRound = new AtomicInteger();
        ExecutorService chaos = Executors.newFixedThreadPool(3);
        try (Scenario loop = Scenario.start("service-kills");
                ResponseTraffic responses =
                        ResponseTraffic.start(
                                loop.fixture.kafka(), "kill", MAX_RECORDS, Duration.ofMillis(150));
                FeedbackTraffic feedback =
                        FeedbackTraffic.start(
                                loop.services.ingest.baseUrl(),
                                "kill",
                                MAX_RECORDS,
                                Duration.ofMillis(300))) {
            await("the loop runs end to end")
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> loop.ledger.preferences.counts().size() >= WARM_UP_PREFERENCES);
            Random scorerTimes = new Random(seeds.nextLong());
            Random ingestTimes = new Random(seeds.nextLong());
            Random retrainerTimes = new Random(seeds.nextLong());
            List<Future<?>> killers =
                    List.of(
                            chaos.submit(() -> killAtRandom(loop.services.scorer, scorerTimes)),
                            chaos.submit(() -> killAtRandom(loop.services.ingest, ingestTimes)),
                            chaos.submit(() -> killMidRound(loop, retrainerTimes, killedMidRound)));
            for (Future<?> killer : killers) {
                killer.get(10, TimeUnit.MINUTES);
            }
            responses.stop();
            feedback.stop();

            Scenario.Accounts accounts = loop.settle(responses, feedback);
            accounts.assertExact(responses, feedback);
            assertThat(killedMidRound.get())
                    .as("retrainer kills that hit a running round")
                    .isPositive();

            FaultReport.write(
                    loop.fixture.out,
                    String.format(
                            "service-kills: SIGKILL x%d each (scorer, feedback-ingest, retrainer;"
                                    + " %d of the retrainer's mid-round), the retrainer then"
                                    + " frozen mid-round for %s; kill to healthy again:"
                                    + " scorer %s, ingest %s, retrainer %s; %s; scenario %s",
                            KILLS,
                            killedMidRound.get(),
                            FaultReport.seconds(FREEZE),
                            FaultReport.seconds(loop.services.scorer.recoveries()),
                            FaultReport.seconds(loop.services.ingest.recoveries()),
                            FaultReport.seconds(loop.services.retrainer.recoveries()),
                            accounts.line(feedback),
                            FaultReport.seconds(Duration.ofNanos(System.nanoTime() - began))));
        } finally {
            chaos.shutdownNow();
        }
    }

    /** Kills the service at random moments, restarting it at once each time. */
    private static Void killAtRandom(ServiceProcess service, Random times) throws Exception {
        for (int k = 0; k < KILLS; k++) {
            pauseAtRandom(times, MIN_PAUSE_MS, MAX_PAUSE_MS);
            service.killAndRestart(LoopServices.START_TIMEOUT);
        }
        return null;
    }

    /** Asks for a round each time and kills the retrainer at a random moment into it. */
    private static Void killMidRound(Scenario loop, Random times, AtomicInteger midRound)
            throws Exception {
        for (int k = 0; k < KILLS; k++) {
            pauseAtRandom(times, MIN_PAUSE_MS, MAX_PAUSE_MS);
            loop.requestRound("kill " + (k + 1));
            await().atMost(Duration.ofMinutes(2)).until(loop::roundRunning);
            pauseAtRandom(times, 0, 1_500);
            if (loop.roundRunning()) {
                midRound.incrementAndGet();
            }
            loop.services.retrainer.killAndRestart(LoopServices.START_TIMEOUT);
        }
        loop.requestRound("freeze");
        await().atMost(Duration.ofMinutes(2)).until(loop::roundRunning);
        loop.services.retrainer.freeze(FREEZE);
        return null;
    }

    /** The fault's timing itself, drawn from the seeded generator: not a wait for a condition. */
    private static void pauseAtRandom(Random times, int minMs, int maxMs)
            throws InterruptedException {
        Thread.sleep(minMs + times.nextInt(maxMs - minMs + 1));
    }
}
