/**
 * Robust reward-model training for the retrainer (Secrets of RLHF II): preference strength from a
 * bootstrap ensemble of Bradley-Terry heads ({@link
 * io.rewardloop.model.robust.PreferenceStrength}), and the noisy-label treatment it drives ({@link
 * io.rewardloop.model.robust.NoisyLabels}, {@link io.rewardloop.model.robust.NoisyLabelHandling}:
 * flips, label smoothing, adaptive margins), plugged into {@link
 * io.rewardloop.model.heads.ArmoRmTrainer} so that training runs the one code path of {@code rlhf
 * train}. MetaRM lives in stage 2 itself ({@link io.rewardloop.model.heads.MetaRmConfig}, {@link
 * io.rewardloop.model.heads.PolicySamples}).
 */
package io.rewardloop.model.robust;
