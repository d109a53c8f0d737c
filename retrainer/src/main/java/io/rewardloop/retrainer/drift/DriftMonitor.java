package io.rewardloop.retrainer.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watches the live model's behaviour for drift from a reference, one full window at a time.
 *
 * <p>Scored responses fill windows of {@link DriftSettings#windowSize()}; when one is full it is
 * tested against the reference and emptied, so windows never overlap and, without drift, checks are
 * independent and each raises a false alarm with probability at most {@link
 * DriftSettings#falseAlarmRate()} (see {@link DriftSettings} for the expected run time). Prompt
 * groups (for MetaRM's J) and fresh human labels arrive at their own pace: they are tested with the
 * next full window once {@link DriftSettings#minPrompts()} or {@link DriftSettings#minLabels()}
 * have arrived, and otherwise carry over, so they too are tested in non-overlapping batches.
 *
 * <p>One check splits its level evenly (Bonferroni) over the tests it runs: a KS test per objective
 * and one on the overall score (where the responses carry rewards and a score), then MMD on
 * embeddings, KS on ensemble disagreement, J and human accuracy where the reference and the data
 * allow. Bonferroni holds under any dependence between the tests. How the shared reference is
 * accounted for is described in {@link DriftSettings}.
 *
 * <p>Not thread-safe: one thread feeds it.
 */
public final class DriftMonitor {

    private final DriftSettings settings;
    private final WindowCheck check;
    private FittedReference reference;
    private final List<ScoredResponse> responses = new ArrayList<>();
    private final List<double[]> prompts = new ArrayList<>();
    private long labels;
    private long labelsCorrect;
    private long windows;

    /**
     * Creates a monitor without a reference.
     *
     * @param settings how to test
     */
    public DriftMonitor(DriftSettings settings) {
        this.settings = settings;
        this.check = new WindowCheck(settings);
    }

    /**
     * Sets or replaces the reference (when a model is published) and starts afresh: live data
     * gathered so far belonged to the previous model and is dropped, and windows count from 1. Fits
     * the PCA and the ensemble z-scores, which may take a moment for large references.
     *
     * @param newReference the new reference
     */
    public void setReference(DriftReference newReference) {
        reference = new FittedReference(newReference, settings);
        responses.clear();
        prompts.clear();
        labels = 0;
        labelsCorrect = 0;
        windows = 0;
    }

    /**
     * Whether a reference is set.
     *
     * @return true once {@link #setReference} was called
     */
    public boolean hasReference() {
        return reference != null;
    }

    /**
     * Adds one scored response; tests the window when it is full.
     *
     * @param response the response, shaped like the reference's
     * @return the check when this response filled a window, else empty
     */
    public Optional<DriftCheck> observe(ScoredResponse response) {
        requireReference();
        DriftReference.requireShape(response, reference.objectives.size(), reference.like);
        responses.add(response);
        if (responses.size() < settings.windowSize()) {
            return Optional.empty();
        }
        boolean promptsReady = prompts.size() >= settings.minPrompts();
        boolean labelsReady = labels >= settings.minLabels();
        DriftCheck result =
                check.run(
                        reference,
                        responses,
                        promptsReady ? prompts : List.of(),
                        labelsCorrect,
                        labelsReady ? labels : 0,
                        ++windows);
        responses.clear();
        if (promptsReady) {
            prompts.clear();
        }
        if (labelsReady) {
            labels = 0;
            labelsCorrect = 0;
        }
        return Optional.of(result);
    }

    /**
     * Adds the live model's rewards of k >= 2 policy samples of one prompt, for MetaRM's J.
     *
     * @param sampleRewards the rewards, at least 2
     */
    public void observePrompt(double[] sampleRewards) {
        requireReference();
        if (sampleRewards.length < 2) {
            throw new IllegalArgumentException("J needs at least 2 samples of a prompt");
        }
        prompts.add(sampleRewards.clone());
    }

    /**
     * Adds one fresh human label.
     *
     * @param modelAgreed whether the live model preferred the response the human chose
     */
    public void observeHumanLabel(boolean modelAgreed) {
        requireReference();
        labels++;
        if (modelAgreed) {
            labelsCorrect++;
        }
    }

    private void requireReference() {
        if (reference == null) {
            throw new IllegalStateException("no drift reference set yet");
        }
    }
}
