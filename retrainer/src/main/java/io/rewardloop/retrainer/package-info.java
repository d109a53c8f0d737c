/**
 * The retrainer (next issue): drift detection, reward-model training rounds between RLHF rounds,
 * and publishing new versions to {@code rlhf.models}. Its topics and events already exist in the
 * {@code schemas} module.
 */
package io.rewardloop.retrainer;
