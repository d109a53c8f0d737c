/**
 * The Kafka path of feedback ingest: a Kafka Streams topology from the raw JSON topic {@code
 * rlhf.feedback} through validation and de-duplication by feedback id to {@code rlhf.preferences}
 * and {@code rlhf.ratings}, exactly once, with invalid and conflicting records dead-lettered to
 * {@code rlhf.feedback.dlq}; completion of feedback that names responses by id from {@code
 * rlhf.responses} ({@link io.rewardloop.feedback.streams.CompletionSettings}); and the {@link
 * io.rewardloop.feedback.FeedbackIndex} read view of the de-duplication state.
 */
package io.rewardloop.feedback.streams;
