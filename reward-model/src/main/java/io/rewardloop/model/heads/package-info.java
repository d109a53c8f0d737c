/**
 * ArmoRM-style multi-objective reward heads on frozen backbone features.
 *
 * <p>Stage 1 fits one linear head per objective ({@link io.rewardloop.model.heads.RidgeRegression}
 * on absolute ratings, {@link io.rewardloop.model.heads.BradleyTerryHead} on pairs); verbosity
 * debiasing ({@link io.rewardloop.model.heads.VerbosityDebiasing}) removes the verbosity (or
 * response-length) direction from the others; stage 2 ({@link
 * io.rewardloop.model.heads.GatingTrainer}) trains the prompt-conditioned gating network with DJL
 * autograd. {@link io.rewardloop.model.heads.ArmoRmTrainer} runs the whole pipeline and {@link
 * io.rewardloop.model.heads.RewardModel} scores responses in plain Java.
 */
package io.rewardloop.model.heads;
