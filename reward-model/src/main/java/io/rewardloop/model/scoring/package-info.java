/**
 * The reward model as its users see it: (prompt, response) in, multi-objective rewards out. The
 * scorer service and the {@code rlhf score} command depend on {@link
 * io.rewardloop.model.scoring.RewardScorer} only, not on DJL.
 */
package io.rewardloop.model.scoring;
