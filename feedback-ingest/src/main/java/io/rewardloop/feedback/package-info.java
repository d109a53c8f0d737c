/**
 * Feedback ingest (next issue): HTTP and Kafka intake of pairwise preferences and absolute ratings,
 * validated and de-duplicated into {@code rlhf.preferences} and {@code rlhf.ratings}. Its topics
 * and events already exist in the {@code schemas} module.
 */
package io.rewardloop.feedback;
