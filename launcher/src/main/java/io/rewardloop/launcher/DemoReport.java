package io.rewardloop.launcher;

import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.RoundFinished;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What the demo prints: a table row per round, the retrainer's events, the held-out verdict. */
final class DemoReport {

    private static final String ROW = "%-5s  %-13s  %9s  %8s  %8s  %-7s  %-15s  %s%n";

    private final PrintWriter out;

    /**
     * Creates the report.
     *
     * @param out the console
     */
    DemoReport(PrintWriter out) {
        this.out = out;
    }

    /** Prints the table's header. */
    void header() {
        out.println();
        out.printf(
                ROW,
                "round",
                "distribution",
                "responses",
                "scored/s",
                "feedback",
                "live",
                "agreement [n]",
                "drift alarms");
        out.flush();
    }

    /**
     * Prints a round's row.
     *
     * @param round the round's figures
     */
    void row(DemoRound round) {
        out.printf(
                Locale.ROOT,
                ROW,
                round.round(),
                round.distribution(),
                round.responses(),
                String.format(Locale.ROOT, "%.1f", round.scoredPerSecond()),
                round.feedbackAccepted(),
                round.liveVersions(),
                String.format(Locale.ROOT, "%.3f [%d]", round.agreement(), round.pairs()),
                round.alarms().size());
        out.flush();
    }

    /**
     * Prints drift alarms and finished retrainer rounds, one line each, under the table.
     *
     * @param alarms the alarms
     * @param rounds the rounds
     */
    void retrainer(List<DriftDetected> alarms, List<RoundFinished> rounds) {
        for (DriftDetected alarm : alarms) {
            out.printf(
                    Locale.ROOT,
                    "       drift on %s: %s%s, statistic %.3f, p %s, window %d vs reference %d%n",
                    alarm.getModelVersion(),
                    alarm.getDetector(),
                    alarm.getObjective() == null ? "" : " (" + alarm.getObjective() + ")",
                    alarm.getStatistic(),
                    alarm.getPValue() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%.2g", alarm.getPValue()),
                    alarm.getLiveSize(),
                    alarm.getReferenceSize());
        }
        for (RoundFinished round : rounds) {
            out.printf(
                    Locale.ROOT,
                    "       retrainer round (%s trigger): %s -> %s %s, held-out accuracy %s vs"
                            + " live %s on %s pairs%n",
                    round.getTrigger(),
                    round.getParentVersion(),
                    round.getCandidateVersion(),
                    round.getOutcome(),
                    metric(round, "candidate.heldout.accuracy"),
                    metric(round, "live.heldout.accuracy"),
                    count(round, "data.pairs.heldout"));
        }
        out.flush();
    }

    /**
     * Prints a model's agreement on the held-out pairs.
     *
     * @param when what the measurement is
     * @param score the measurement
     */
    void heldOut(String when, DemoHeldOut score) {
        out.printf(
                Locale.ROOT,
                "Held-out harmless pairs, %s: %s agrees with the annotators on %.3f of %d%n",
                when,
                score.version(),
                score.agreement(),
                score.pairs());
        out.flush();
    }

    /**
     * Prints the comparison and the one pass/fail line.
     *
     * @param before the initial model on the held-out pairs
     * @param after the final model on them
     * @return whether the demo passed
     */
    boolean verdict(DemoHeldOut before, DemoHeldOut after) {
        DemoHeldOut.Comparison c = before.against(after);
        boolean pass = c.pValue() < 0.05 && c.wins() > c.losses();
        out.printf(
                Locale.ROOT,
                "%s: on %d held-out harmless pairs no model trained on, agreement went from %.3f"
                        + " (%s, live at the shift) to %.3f (%s, live at the end); exact McNemar"
                        + " test, one-sided: %d pairs only %s ranks right, %d only %s, p = %.2g"
                        + " (PASS needs p < 0.05)%n",
                pass ? "PASS" : "FAIL",
                after.pairs(),
                before.agreement(),
                before.version(),
                after.agreement(),
                after.version(),
                c.wins(),
                after.version(),
                c.losses(),
                before.version(),
                c.pValue());
        out.flush();
        return pass;
    }

    private static String metric(RoundFinished round, String key) {
        Double value = round.getMetrics().get(key);
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String count(RoundFinished round, String key) {
        Double value = round.getMetrics().get(key);
        return value == null ? "-" : String.valueOf(value.longValue());
    }
}
