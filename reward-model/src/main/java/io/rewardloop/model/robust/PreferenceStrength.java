package io.rewardloop.model.robust;

import io.rewardloop.model.heads.BradleyTerryHead;
import io.rewardloop.model.heads.HeadFit;
import io.rewardloop.model.heads.PairSet;
import java.util.Arrays;
import java.util.Random;

/**
 * Estimates preference strength with an ensemble of M linear Bradley-Terry heads on {@code h_chosen
 * - h_rejected} (stage 1's {@link BradleyTerryHead}, one L2 chosen once on all the pairs), each fit
 * on a seeded bootstrap resample. Heads on features, not the trained model's rewards: the estimate
 * must exist before stage 1 so that flips can change what stage 1 learns. Pairs that name different
 * objectives get separate ensembles (helpfulness and harmlessness disagree by design).
 *
 * <p>In bag ({@code outOfBag = false}, recommended): {@code mu} averages all M members. Out of bag:
 * only the members whose resample left the pair out (a pair in every resample, about {@code
 * 0.632^M} of them, falls back to all), so that a head that memorised a wrong label does not vouch
 * for it. Measured on HH-RLHF (benchmarks/results/retrainer-ablation.md) and on planted noise
 * (PreferenceStrengthTest), in bag ranked the noisy pairs at least as well: with M = 5 a pair is
 * out of bag for fewer than two members on average, so its estimate is noisier (39% of HH pairs got
 * {@code mu < 0} against 30% in bag; the paper reports about 25%), while an L2-regularised linear
 * head, its L2 chosen on held-out pairs, does not memorise single labels much.
 */
public final class PreferenceStrength {

    private final int members;
    private final boolean outOfBag;
    private final long seed;

    /**
     * Creates the estimator.
     *
     * @param members M, at least 2
     * @param outOfBag true to average only the members that did not train on a pair
     * @param seed the seed of the resamples and of the L2 choice
     */
    public PreferenceStrength(int members, boolean outOfBag, long seed) {
        if (members < 2) {
            throw new IllegalArgumentException("members must be >= 2");
        }
        this.members = members;
        this.outOfBag = outOfBag;
        this.seed = seed;
    }

    /**
     * Estimates the strength of every pair.
     *
     * @param pairs the training pairs
     * @return mu and sigma per pair, in the pairs' order
     */
    public StrengthEstimate estimate(PairSet pairs) {
        double[] mean = new double[pairs.size()];
        double[] std = new double[pairs.size()];
        int[] objectives = Arrays.stream(pairs.objectives()).distinct().sorted().toArray();
        for (int objective : objectives) {
            int[] rows = pairs.rowsOf(objective);
            estimateGroup(pairs, rows, mean, std);
        }
        return new StrengthEstimate(mean, std, members);
    }

    private void estimateGroup(PairSet pairs, int[] rows, double[] mean, double[] std) {
        BradleyTerryHead fitter = BradleyTerryHead.builder().optSeed(seed).build();
        double l2 = fitter.fit(pairs, rows).regularization();
        int n = rows.length;
        double[][] differences = new double[members][n];
        boolean[][] inBag = new boolean[members][n];
        for (int m = 0; m < members; m++) {
            Random random = new Random(seed * 31 + m);
            int[] resample = new int[n];
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                resample[i] = rows[pick];
                inBag[m][pick] = true;
            }
            HeadFit head = fitter.fitAt(pairs, resample, l2);
            for (int i = 0; i < n; i++) {
                differences[m][i] =
                        head.score(pairs.chosen()[rows[i]]) - head.score(pairs.rejected()[rows[i]]);
            }
        }
        for (int i = 0; i < n; i++) {
            boolean anyOut = false;
            for (int m = 0; m < members && outOfBag; m++) {
                anyOut |= !inBag[m][i];
            }
            double sum = 0;
            double squares = 0;
            int count = 0;
            for (int m = 0; m < members; m++) {
                if (!anyOut || !inBag[m][i]) {
                    sum += differences[m][i];
                    squares += differences[m][i] * differences[m][i];
                    count++;
                }
            }
            double mu = sum / count;
            mean[rows[i]] = mu;
            std[rows[i]] = Math.sqrt(Math.max(squares / count - mu * mu, 0));
        }
    }
}
