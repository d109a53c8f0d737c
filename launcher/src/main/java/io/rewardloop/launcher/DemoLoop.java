package io.rewardloop.launcher;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.RewardScored;
import io.rewardloop.events.RoundFinished;
import io.rewardloop.events.RoundOutcome;
import io.rewardloop.retrainer.RetrainerService;
import io.rewardloop.scorer.ScorerService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The online loop the demo plays against running services: round 1 on helpful-base prompts, then
 * the policy shifts to harmless-base ones; each round the policy emits both responses of its pairs,
 * the annotators label them over HTTP and the scorer's rewards are read back; the retrainer reacts
 * on its own. The held-out pairs are scored over HTTP at the shift and at the end.
 */
final class DemoLoop {

    private static final Duration POLL = Duration.ofMillis(100);
    // The retrainer checks its triggers every half second (DemoCommand's settings): a request
    // that was going to come has come after this long without one.
    private static final Duration SETTLED = Duration.ofSeconds(3);

    private final DemoData data;
    private final long seed;
    private final Duration timeout;
    private final ScorerService scorer;
    private final RetrainerService retrainer;
    private final DemoEvents events;
    private final DemoPolicy policy;
    private final DemoAnnotators annotators;
    private final DemoScorerClient heldOutScoring;
    private final DemoReport report;
    private final String run = "demo-" + Long.toString(System.currentTimeMillis(), 36);
    private int alarmsShown;
    private int roundsShown;

    /**
     * Creates the loop.
     *
     * @param data the labels
     * @param seed the seed of the response order
     * @param timeout the longest any one wait may take
     * @param services the running services (scorer, ingest, retrainer)
     * @param events what the topics say
     * @param policy the simulated policy
     * @param report the console report
     */
    DemoLoop(
            DemoData data,
            long seed,
            Duration timeout,
            UpServices services,
            DemoEvents events,
            DemoPolicy policy,
            DemoReport report) {
        this.data = data;
        this.seed = seed;
        this.timeout = timeout;
        this.scorer = services.scorer().orElseThrow();
        this.retrainer = services.retrainer().orElseThrow();
        this.events = events;
        this.policy = policy;
        DemoHttp http = new DemoHttp();
        this.annotators = new DemoAnnotators(http, services.ingest().orElseThrow().baseUrl());
        this.heldOutScoring =
                new DemoScorerClient(http, "http://127.0.0.1:" + scorer.httpPort().orElseThrow());
        this.report = report;
    }

    /**
     * Plays every round, then compares the final model with the initial one on the held-out pairs.
     *
     * @return whether the demo passed
     */
    boolean play() {
        await("the scorer to load " + DemoModel.VERSION, () -> DemoModel.VERSION.equals(live()));
        await("the retrainer to lead", retrainer::isLeader);
        report.header();
        DemoHeldOut before = null;
        int labelled = 0;
        for (int round = 1; round <= data.rounds().size(); round++) {
            if (round == 2) {
                before = DemoHeldOut.of(heldOutScoring.judge(data.heldOut()));
                report.heldOut("at the shift", before);
            }
            DemoRound figures = play(round);
            labelled += figures.feedbackAccepted();
            report.row(figures);
            showRetrainer();
        }
        int posted = labelled;
        await(
                "the retrainer to read all " + posted + " labels",
                () -> retrainer.feedback().pairCount() >= posted);
        awaitSettled();
        showRetrainer();
        DemoHeldOut after = DemoHeldOut.of(heldOutScoring.judge(data.heldOut()));
        report.heldOut("at the end", after);
        return report.verdict(before, after);
    }

    private DemoRound play(int round) {
        boolean shifted = round > 1;
        List<DemoPair> pairs = DemoPair.of(run, round, data.rounds().get(round - 1), seed);
        int alarmsBefore = events.alarms().size();
        long started = System.nanoTime();
        policy.emit(pairs, shifted ? "policy-harmless" : "policy-helpful", round);
        int accepted = annotators.label(pairs);
        await(
                "the scorer to score round " + round,
                () -> pairs.stream().allMatch(p -> scored(p.chosenId()) && scored(p.rejectedId())));
        double seconds = (System.nanoTime() - started) / 1e9;
        int agree = 0;
        TreeSet<String> versions = new TreeSet<>();
        for (DemoPair p : pairs) {
            RewardScored chosen = events.reward(p.chosenId()).orElseThrow();
            RewardScored rejected = events.reward(p.rejectedId()).orElseThrow();
            versions.add(chosen.getModelVersion());
            versions.add(rejected.getModelVersion());
            if (chosen.getScore() > rejected.getScore()) {
                agree++;
            }
        }
        List<DriftDetected> alarms = events.alarms();
        return new DemoRound(
                round,
                shifted ? "harmless-base" : "helpful-base",
                2 * pairs.size(),
                2 * pairs.size() / seconds,
                accepted,
                String.join("+", versions),
                agree / (double) pairs.size(),
                pairs.size(),
                alarms.subList(alarmsBefore, alarms.size()));
    }

    /**
     * Waits until the retrainer has nothing left to do: every request answered, no new one for a
     * while, and the scorer on the newest published version.
     */
    private void awaitSettled() {
        long[] quietSince = {System.nanoTime()};
        int[] requestsSeen = {events.requestCount()};
        await(
                "the retrainer to finish its rounds",
                () -> {
                    int requests = events.requestCount();
                    if (requests != requestsSeen[0] || !events.allRequestsAnswered()) {
                        requestsSeen[0] = requests;
                        quietSince[0] = System.nanoTime();
                        return false;
                    }
                    return System.nanoTime() - quietSince[0] >= SETTLED.toNanos()
                            && newestPublished().map(v -> v.equals(live())).orElse(true);
                });
    }

    private Optional<String> newestPublished() {
        return events.rounds().stream()
                .filter(r -> r.getOutcome() == RoundOutcome.PUBLISHED)
                .map(RoundFinished::getCandidateVersion)
                .reduce((first, second) -> second);
    }

    private void showRetrainer() {
        List<DriftDetected> alarms = events.alarms();
        List<RoundFinished> rounds = events.rounds();
        report.retrainer(
                alarms.subList(alarmsShown, alarms.size()),
                rounds.subList(roundsShown, rounds.size()));
        alarmsShown = alarms.size();
        roundsShown = rounds.size();
    }

    private boolean scored(String responseId) {
        return events.reward(responseId).isPresent();
    }

    private String live() {
        return scorer.health().modelVersion();
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new RewardLoopException(
                        "the demo gave up waiting for " + what + " after " + timeout);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewardLoopException("interrupted while waiting for " + what, e);
            }
        }
    }
}
