package io.rewardloop.retrainer;

import io.rewardloop.model.heads.PairSet;
import io.rewardloop.model.heads.RewardModel;
import io.rewardloop.retrainer.drift.Distributions;
import java.util.Locale;

/**
 * Decides whether a candidate may replace the live model: a one-sided paired non-inferiority t-test
 * on the same held-out pairs. Each pair gives d_i = c_i - l_i, where c_i and l_i are 1 when the
 * model ranks the pair right, 0 when wrong, one half on a tie. H0: mean(d) <= -tolerance (the
 * candidate is worse by more than the tolerance); the candidate passes when H0 is rejected at level
 * alpha: {@code t = (mean(d) + tolerance) / (sd(d) / sqrt(n))}, p from Student's t with n - 1
 * degrees of freedom. So a candidate must show it is not worse; one that is too uncertain to rule
 * that out is rejected too. Without a live model, "live" is chance (every pair one half).
 */
public final class PairedGate {

    private final double tolerance;
    private final double alpha;

    /**
     * Creates the gate.
     *
     * @param tolerance accuracy the candidate may lose
     * @param alpha the test's level
     */
    public PairedGate(double tolerance, double alpha) {
        this.tolerance = tolerance;
        this.alpha = alpha;
    }

    /**
     * The verdict.
     *
     * @param pass whether the candidate may be published
     * @param candidateAccuracy candidate's held-out accuracy
     * @param liveAccuracy live model's (0.5, chance, without one)
     * @param delta mean paired difference
     * @param pValue the non-inferiority test's p-value
     * @param pairs held-out pairs
     * @param reason the verdict in words
     */
    public record Verdict(
            boolean pass,
            double candidateAccuracy,
            double liveAccuracy,
            double delta,
            double pValue,
            int pairs,
            String reason) {}

    /**
     * Judges a candidate against the live model.
     *
     * @param candidate the candidate
     * @param live the live model, or null when the lineage has none usable
     * @param heldOut the held-out pairs
     * @return the verdict
     */
    public Verdict judge(RewardModel candidate, RewardModel live, PairSet heldOut) {
        int n = heldOut.size();
        double[] c = new double[n];
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = correctness(candidate.margin(heldOut, i));
            l[i] = live == null ? 0.5 : correctness(live.margin(heldOut, i));
        }
        return judge(c, l, live == null);
    }

    /**
     * Judges per-pair correctness (1, 0.5 or 0 per pair).
     *
     * @param candidate the candidate's
     * @param live the live model's (all 0.5 for chance)
     * @param againstChance whether {@code live} stands for chance
     * @return the verdict
     */
    Verdict judge(double[] candidate, double[] live, boolean againstChance) {
        int n = candidate.length;
        double sumC = 0;
        double sumL = 0;
        double sumD = 0;
        for (int i = 0; i < n; i++) {
            sumC += candidate[i];
            sumL += live[i];
            sumD += candidate[i] - live[i];
        }
        double mean = sumD / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = candidate[i] - live[i] - mean;
            squares += d * d;
        }
        double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        double shifted = mean + tolerance;
        double p;
        if (sd == 0) {
            p = shifted > 0 ? 0 : 1;
        } else {
            p = 1 - Distributions.studentTCdf(shifted / (sd / Math.sqrt(n)), n - 1);
        }
        double accC = sumC / n;
        double accL = sumL / n;
        String against = againstChance ? "chance (no usable live model)" : "the live model";
        boolean pass = p < alpha;
        String reason =
                String.format(
                        Locale.ROOT,
                        "candidate %.4f vs %s %.4f on the %d newest held-out pairs: paired"
                                + " difference %+.4f, %s worse by more than %.4f (non-inferiority"
                                + " p = %.4f %s %.2f)",
                        accC,
                        against,
                        accL,
                        n,
                        mean,
                        pass ? "shown not" : "not shown not to be",
                        tolerance,
                        p,
                        pass ? "<" : ">=",
                        alpha);
        return new Verdict(pass, accC, accL, mean, p, n, reason);
    }

    private static double correctness(double margin) {
        return margin > 0 ? 1 : margin == 0 ? 0.5 : 0;
    }
}
