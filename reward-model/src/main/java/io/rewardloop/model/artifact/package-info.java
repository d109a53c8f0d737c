/**
 * The versioned, self-describing reward-model artifact: {@link
 * io.rewardloop.model.artifact.ModelArtifact} serializes a trained {@link
 * io.rewardloop.model.heads.RewardModel} with its lineage and metrics into deterministic bytes
 * small enough for a Kafka record, and reads them back exactly; {@link
 * io.rewardloop.model.artifact.ArtifactException} reports a damaged or foreign artifact.
 */
package io.rewardloop.model.artifact;
