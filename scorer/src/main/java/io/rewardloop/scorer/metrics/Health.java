package io.rewardloop.scorer.metrics;

/**
 * Whether the scorer can do its job right now.
 *
 * @param up true when it is consuming and has a model
 * @param detail what it is doing, or why it is not up
 * @param modelVersion the model version in use, or {@code none}
 */
public record Health(boolean up, String detail, String modelVersion) {}
