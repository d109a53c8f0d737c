/**
 * The Kafka path of feedback ingest: a Kafka Streams topology from the raw JSON topic {@code
 * rlhf.feedback} through validation and de-duplication by feedback id to {@code rlhf.preferences}
 * and {@code rlhf.ratings}, exactly once, with invalid and conflicting records dead-lettered to
 * {@code rlhf.feedback.dlq}; and the {@link io.rewardloop.feedback.FeedbackIndex} read view of the
 * de-duplication state.
 */
package io.rewardloop.feedback.streams;
