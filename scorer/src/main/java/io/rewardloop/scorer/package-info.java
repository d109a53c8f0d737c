/** The scorer service: {@code rlhf.responses} to {@code rlhf.rewards}, batched and exactly once. */
package io.rewardloop.scorer;
