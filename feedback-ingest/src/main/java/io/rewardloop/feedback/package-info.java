/**
 * Feedback ingest: HTTP and Kafka intake of pairwise preferences and absolute ratings, validated
 * and de-duplicated into {@code rlhf.preferences} and {@code rlhf.ratings}. The validator, the JSON
 * rules (canonical content, ids, hashes) and the configuration shared by both paths live here;
 * {@code http} holds the HTTP API, {@code streams} the Kafka Streams topology.
 */
package io.rewardloop.feedback;
