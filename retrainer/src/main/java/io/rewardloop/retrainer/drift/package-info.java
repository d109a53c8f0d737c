/**
 * Drift detection for the retrain trigger (METHODS.md section 3), in plain Java over arrays: the
 * service feeds a {@link io.rewardloop.retrainer.drift.DriftMonitor} with the live model's scored
 * responses, prompt groups and fresh human labels, and turns each alarmed {@link
 * io.rewardloop.retrainer.drift.DriftTest} into a {@code DriftDetected} event.
 *
 * <p>Calibration over time is the point: each window is tested once, at a family-wise level derived
 * from a stated false-alarm rate per window, so the expected run time without drift is known (see
 * {@link io.rewardloop.retrainer.drift.DriftSettings}).
 */
package io.rewardloop.retrainer.drift;
