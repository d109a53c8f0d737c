package io.rewardloop.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.retrainer.RequestWriter;
import io.rewardloop.schemas.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fault scenario's loop: a broker with every topic and a first model, the three services in
 * child JVMs, responses and feedback flowing, round requests, and the ledger that accounts for all
 * of it once the faults are over.
 */
final class Scenario implements AutoCloseable {

    /** How long the loop may take, after the last fault, to process everything produced. */
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(4);

    final ReliabilityFixture fixture;
    final LoopServices services;
    final Ledger ledger;
    private final RequestWriter requests;
    private final AtomicInteger roundsRequested = new AtomicInteger();

    private Scenario(ReliabilityFixture fixture, LoopServices services) {
        this.fixture = fixture;
        this.services = services;
        this.ledger = new Ledger(fixture.kafka());
        this.requests = new RequestWriter(fixture.kafka(), "reliability-it");
    }

    /**
     * Starts the broker, publishes the first model and starts the services.
     *
     * @param name the scenario's name, and its output folder
     */
    static Scenario start(String name) throws Exception {
        ReliabilityFixture fixture = new ReliabilityFixture(name);
        try {
            fixture.publishFirstModel();
            return new Scenario(fixture, LoopServices.start(fixture.bootstrap(), fixture.out));
        } catch (Exception | Error e) {
            fixture.close();
            throw e;
        }
    }

    /** Asks the retrainer for a round (a {@code RetrainRequested} on {@code rlhf.control}). */
    void requestRound(String reason) {
        requests.request(ReliabilityFixture.LINEAGE, reason, "reliability-it");
        roundsRequested.incrementAndGet();
    }

    /** Whether the retrainer's {@code GET /v1/rounds} shows a round under way. */
    boolean roundRunning() {
        return services.retrainer.get("/v1/rounds").contains("\"running\"");
    }

    /**
     * Waits until the traffic is over and everything it produced went through: every acknowledged
     * response on {@code rlhf.rewards}, every feedback answered 2xx on the feedback topics, every
     * round request answered, and the scorer's and the ingest's groups committed to the end of
     * their input (so nothing is left to be processed again). Then accounts for all of it.
     */
    Accounts settle(ResponseTraffic responses, FeedbackTraffic feedback) {
        await("traffic answered")
                .atMost(SETTLE_TIMEOUT)
                .until(() -> responses.done() && feedback.done());
        await("every response scored, every feedback recorded, every round answered")
                .atMost(SETTLE_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                servicesAlive()
                                        && ledger.rewards.hasAll(responses.acknowledged())
                                        && ledger.feedbackCounts()
                                                .keySet()
                                                .containsAll(feedback.answered().keySet())
                                        && ledger.roundRequests().size() == roundsRequested.get()
                                        && ledger.roundsFinished()
                                                .keySet()
                                                .containsAll(ledger.roundRequests()));
        ledger.awaitCaughtUp(LoopServices.SCORER_GROUP, Topics.RESPONSES.name(), SETTLE_TIMEOUT);
        ledger.awaitCaughtUp(
                LoopServices.INGEST_APPLICATION, Topics.FEEDBACK.name(), SETTLE_TIMEOUT);
        return new Accounts(
                Tally.of(responses.acknowledged(), ledger.rewards.counts()),
                Tally.of(feedback.answered().keySet(), ledger.feedbackCounts()),
                Tally.of(ledger.roundRequests(), ledger.roundsFinished()),
                Tally.of(ledger.versionCounts().keySet(), ledger.versionCounts()),
                ledger.abortedRewards(),
                ledger.abortedPreferences());
    }

    /**
     * What arrived against what had to.
     *
     * @param rewards response ids on {@code rlhf.rewards} against the acknowledged responses
     * @param feedback feedback ids on the feedback topics against those answered 2xx
     * @param rounds {@code RoundFinished} per request id against the requests
     * @param versions each published version against publishing it once
     * @param abortedRewards rewards in aborted transactions (redone, not duplicates)
     * @param abortedPreferences preferences in aborted transactions (likewise)
     */
    record Accounts(
            Tally rewards,
            Tally feedback,
            Tally rounds,
            Tally versions,
            long abortedRewards,
            long abortedPreferences) {

        /** Fails unless every account is exact. */
        void assertExact(ResponseTraffic producer, FeedbackTraffic clients) {
            assertThat(producer.failed()).as("responses the producer gave up on").isZero();
            assertThat(clients.refused())
                    .as("valid feedback refused with %s", clients.refusedStatuses())
                    .isZero();
            assertThat(rewards.lost()).as("responses never scored").isEmpty();
            assertThat(rewards.duplicated()).as("responses scored twice").isZero();
            assertThat(rewards.unexpected()).as("rewards for unknown responses").isEmpty();
            assertThat(feedback.lost()).as("accepted feedback never recorded").isEmpty();
            assertThat(feedback.duplicated()).as("feedback recorded twice").isZero();
            assertThat(feedback.unexpected()).as("feedback never answered 2xx").isEmpty();
            assertThat(rounds.lost()).as("round requests never answered").isEmpty();
            assertThat(rounds.duplicated()).as("round requests answered twice").isZero();
            assertThat(versions.duplicated()).as("versions published twice").isZero();
        }

        /** The figures, for the summary line. */
        String line(FeedbackTraffic clients) {
            return String.format(
                    "responses: %s; feedback: %s (client retries %d, answered duplicate %d);"
                            + " rounds: %d requested, %d lost, %d answered twice; versions: %d"
                            + " published, %d twice; aborted and redone: %d rewards, %d"
                            + " preferences",
                    rewards.line(),
                    feedback.line(),
                    clients.retries(),
                    clients.duplicates(),
                    rounds.expected(),
                    rounds.lost().size(),
                    rounds.duplicated(),
                    versions.expected(),
                    versions.duplicated(),
                    abortedRewards,
                    abortedPreferences);
        }
    }

    /** True while every service runs; fails at once, with its log, when one ended on its own. */
    private boolean servicesAlive() throws IOException {
        for (ServiceProcess service : services.all()) {
            if (!service.isAlive()) {
                throw new AssertionError(
                        service.command() + " ended on its own; log:\n" + service.logTail());
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        try (fixture;
                services;
                ledger;
                requests) {
            // closes the services first, the broker last
        }
    }
}
