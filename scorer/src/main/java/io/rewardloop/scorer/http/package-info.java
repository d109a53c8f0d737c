/** Scoring over HTTP: OpenRLHF's {@code /get_reward} and the native {@code /v1/score}, batched. */
package io.rewardloop.scorer.http;
