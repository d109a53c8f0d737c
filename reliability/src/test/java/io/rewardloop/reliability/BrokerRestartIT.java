package io.rewardloop.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped and started again on the same data while the scorer, the ingest and the
 * retrainer run (child JVMs from the launcher's jar) and traffic flows: responses from an
 * idempotent producer, feedback over HTTP from clients that retry, a training round under way.
 * After recovery every acknowledged response is scored exactly once (read_committed), every
 * feedback answered 2xx is recorded exactly once, every round request is answered once, and no
 * version is published twice.
 */
class BrokerRestartIT {

    private static final int RESPONSES = 300;
    private static final int FEEDBACK = 150;
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    /** Feedback answered before the broker goes: the loop was running end to end. */
    private static final int FEEDBACK_BEFORE_OUTAGE = 40;

    @Test
    void shouldLoseAndDuplicateNothingWhenTheBrokerRestartsUnderTraffic() throws Exception {
        long began = System.nanoTime();
        try (Scenario loop = Scenario.start("broker-restart");
                ResponseTraffic responses =
                        ResponseTraffic.start(
                                loop.fixture.kafka(), "br", RESPONSES, Duration.ofMillis(100));
                FeedbackTraffic feedback =
                        FeedbackTraffic.start(
                                loop.services.ingest.baseUrl(),
                                "br",
                                FEEDBACK,
                                Duration.ofMillis(200))) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> feedback.answered().size() >= FEEDBACK_BEFORE_OUTAGE);
            loop.requestRound("before the outage");
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> loop.roundRunning() || !loop.ledger.roundsFinished().isEmpty());
            boolean midRound = loop.roundRunning();

            loop.fixture.stopBroker();
            await("the broker stays down for the outage")
                    .during(OUTAGE)
                    .atMost(OUTAGE.plusSeconds(5))
                    .until(() -> !loop.fixture.brokerListening());
            Duration brokerStart = loop.fixture.startBroker();
            Instant restarted = Instant.now();
            loop.requestRound("after the outage");

            Scenario.Accounts accounts = loop.settle(responses, feedback);
            accounts.assertExact(responses, feedback);

            Duration scoring =
                    sinceRestart(restarted, loop.ledger.rewards.firstArrivalAfter(restarted));
            Duration recording =
                    sinceRestart(restarted, loop.ledger.preferences.firstArrivalAfter(restarted));
            Duration answering =
                    sinceRestart(
                            restarted,
                            feedback.answered().values().stream()
                                    .filter(t -> t.isAfter(restarted))
                                    .min(Instant::compareTo));
            FaultReport.write(
                    loop.fixture.out,
                    String.format(
                            "broker-restart: 1 broker restart (down %s with a round %s, broker"
                                    + " serving again in %s); %s; after the restart the first"
                                    + " reward in %s, the first feedback 2xx in %s, the first"
                                    + " preference in %s; scenario %s",
                            FaultReport.seconds(OUTAGE),
                            midRound ? "running" : "not running",
                            FaultReport.seconds(brokerStart),
                            accounts.line(feedback),
                            FaultReport.seconds(scoring),
                            FaultReport.seconds(answering),
                            FaultReport.seconds(recording),
                            FaultReport.seconds(Duration.ofNanos(System.nanoTime() - began))));
        }
    }

    private static Duration sinceRestart(Instant restarted, Optional<Instant> first) {
        return Duration.between(restarted, first.orElseThrow());
    }
}
