package io.rewardloop.model.robust;

import io.rewardloop.model.heads.PairRelabelling;
import io.rewardloop.model.heads.PairSet;
import io.rewardloop.model.heads.PairTargets;
import java.util.Map;

/**
 * The noisy-label treatment of a training run, as {@link
 * io.rewardloop.model.heads.ArmoRmTrainer.Builder#optPairRelabelling}: estimates preference
 * strength on the training split, flips the weakest pairs and sets per-pair margins and smoothing
 * weights that both stages' losses read. Keeps the last estimate for the caller (with the default
 * refit on all pairs, that of the returned model's training pairs). One instance per training.
 *
 * <p>Metrics: {@code strength.mean_mu}, {@code strength.negative_share}, {@code strength.members},
 * {@code noisy.flipped}, {@code noisy.smoothed}.
 */
public final class NoisyLabelHandling implements PairRelabelling {

    private final NoisyLabels settings;
    private final PreferenceStrength strength;
    private StrengthEstimate last;
    private boolean[] lastFlips;

    /**
     * Creates the treatment.
     *
     * @param settings what to change
     * @param strength the ensemble that estimates preference strength
     */
    public NoisyLabelHandling(NoisyLabels settings, PreferenceStrength strength) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.strength = java.util.Objects.requireNonNull(strength, "strength");
    }

    @Override
    public PairSet relabel(PairSet trainingPairs, Map<String, Double> metrics) {
        StrengthEstimate estimate = strength.estimate(trainingPairs);
        last = estimate;
        int n = trainingPairs.size();
        boolean[] flips = new boolean[n];
        int[] order = estimate.ascending();
        int flipCount = (int) Math.floor(settings.flipFraction() * n);
        for (int i = 0; i < flipCount; i++) {
            flips[order[i]] = true;
        }
        lastFlips = flips;
        PairSet relabelled = flipCount > 0 ? trainingPairs.flipped(flips) : trainingPairs;
        int smoothed = 0;
        if (settings.needsTargets()) {
            float[] margins = new float[n];
            float[] smoothing = new float[n];
            for (int i = 0; i < n; i++) {
                double mu = flips[i] ? -estimate.mean()[i] : estimate.mean()[i];
                margins[i] = (float) (settings.marginScale() * mu);
                if (settings.smoothing() > 0 && (settings.smoothAll() || mu < 0)) {
                    smoothing[i] = (float) settings.smoothing();
                    smoothed++;
                }
            }
            relabelled = relabelled.withTargets(new PairTargets(margins, smoothing));
        }
        metrics.put("strength.mean_mu", estimate.meanStrength());
        metrics.put("strength.negative_share", estimate.negativeShare());
        metrics.put("strength.members", (double) estimate.members());
        metrics.put("noisy.flipped", (double) flipCount);
        metrics.put("noisy.smoothed", (double) smoothed);
        return relabelled;
    }

    /**
     * Returns the strength estimate of the last relabelled training pairs.
     *
     * @return the estimate, or null before training
     */
    public StrengthEstimate lastEstimate() {
        return last;
    }

    /**
     * Returns which of the last training pairs were flipped.
     *
     * @return n flags, or null before training
     */
    public boolean[] lastFlips() {
        return lastFlips == null ? null : lastFlips.clone();
    }
}
