package io.rewardloop.retrainer;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.retrainer.drift.DriftCheck;
import io.rewardloop.retrainer.drift.DriftMonitor;
import io.rewardloop.retrainer.drift.DriftReference;
import io.rewardloop.retrainer.drift.DriftSettings;
import io.rewardloop.retrainer.drift.ScoredResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The drift detectors that need features the scorer does not publish, fed by the {@link
 * EmbeddingFeed}: MMD on the embeddings of a sample of the policy's responses (PCA, permutation
 * test), KS on the disagreement of bootstrap heads on those embeddings, and the live model's
 * accuracy on human labels recorded after it was published, against its held-out accuracy minus
 * {@link DriftSettings#humanAccuracyDelta()}. The reference is the first {@code referenceSize}
 * embedded responses after the version was published, as {@link DriftWatch} takes its own; windows
 * are then tested once each by a {@link DriftMonitor} at the stated family-wise rate (its tests:
 * MMD, disagreement, and accuracy once {@link DriftSettings#minLabels()} labels have arrived).
 * Labels that arrive while the reference fills wait for it. As in {@link DriftWatch}, checks of
 * history (read while catching up) raise no alarms.
 *
 * <p>One thread feeds it; {@link #takeAlarms()} and {@link #lastCheck()} may be called from any.
 */
public final class EmbeddingWatch {

    private final DriftSettings settings;
    private final int referenceSize;
    private final List<ControlEvent> alarms = new ArrayList<>();
    private final List<ScoredResponse> reference = new ArrayList<>();
    private DriftMonitor monitor;
    private String version;
    private OptionalDouble heldOutAccuracy = OptionalDouble.empty();
    private long waitingLabels;
    private long waitingAgreed;
    private volatile DriftCheck last;

    /**
     * Creates the watch.
     *
     * @param settings how the monitor tests; its window size is the feed's
     * @param referenceSize embedded responses of a new version taken as its reference
     */
    public EmbeddingWatch(DriftSettings settings, int referenceSize) {
        this.settings = settings;
        this.referenceSize = referenceSize;
    }

    /**
     * Starts afresh for a newly live version.
     *
     * @param newVersion the version
     * @param accuracy its held-out accuracy (the round's {@code candidate.heldout.accuracy}), or
     *     empty to turn the fresh-label test off
     */
    public void newVersion(String newVersion, OptionalDouble accuracy) {
        version = newVersion;
        heldOutAccuracy = accuracy;
        monitor = new DriftMonitor(settings);
        reference.clear();
        waitingLabels = 0;
        waitingAgreed = 0;
        last = null;
    }

    /**
     * Embedded responses the reference still needs.
     *
     * @return 0 once it is set (or before the first version)
     */
    public int referenceMissing() {
        return monitor == null || monitor.hasReference() ? 0 : referenceSize - reference.size();
    }

    /**
     * Takes one embedded response.
     *
     * @param timestampMillis the response's record time
     * @param embedding its backbone feature
     * @param headRewards the bootstrap heads' rewards, or null without an ensemble
     * @param live false while the retrainer reads the topic's history
     */
    public void onResponse(
            long timestampMillis, float[] embedding, double[] headRewards, boolean live) {
        requireVersion();
        ScoredResponse response =
                new ScoredResponse(
                        timestampMillis, new double[0], Double.NaN, embedding, headRewards);
        if (!monitor.hasReference()) {
            reference.add(response);
            if (reference.size() >= referenceSize) {
                monitor.setReference(
                        new DriftReference(
                                List.of(),
                                List.copyOf(reference),
                                OptionalDouble.empty(),
                                heldOutAccuracy));
                reference.clear();
                for (long i = 0; i < waitingLabels; i++) {
                    monitor.observeHumanLabel(i < waitingAgreed);
                }
                waitingLabels = 0;
                waitingAgreed = 0;
            }
            return;
        }
        monitor.observe(response)
                .ifPresent(
                        check -> {
                            last = check;
                            if (live) {
                                synchronized (alarms) {
                                    alarms.addAll(DriftWatch.events(version, check));
                                }
                            }
                        });
    }

    /**
     * Takes the live model's verdict on one human label recorded after it was published.
     *
     * @param modelAgreed whether it scored the chosen response above the rejected one
     */
    public void onLabel(boolean modelAgreed) {
        requireVersion();
        if (monitor.hasReference()) {
            monitor.observeHumanLabel(modelAgreed);
        } else {
            waitingLabels++;
            waitingAgreed += modelAgreed ? 1 : 0;
        }
    }

    /**
     * Takes the alarms raised since the last call, as events.
     *
     * @return DriftDetected events, oldest first
     */
    public List<ControlEvent> takeAlarms() {
        synchronized (alarms) {
            List<ControlEvent> taken = List.copyOf(alarms);
            alarms.clear();
            return taken;
        }
    }

    /**
     * The newest window check of the current version.
     *
     * @return the check, empty before its first full window
     */
    public Optional<DriftCheck> lastCheck() {
        return Optional.ofNullable(last);
    }

    private void requireVersion() {
        if (monitor == null) {
            throw new IllegalStateException("no live version yet");
        }
    }
}
