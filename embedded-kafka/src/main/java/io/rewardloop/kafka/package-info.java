/**
 * Kafka clusters for the embedded default and for tests: {@link io.rewardloop.kafka.KafkaCluster}
 * is what callers hold; {@link io.rewardloop.kafka.EmbeddedKafkaBroker} is a real single-node KRaft
 * broker running in this JVM; {@link io.rewardloop.kafka.KafkaClusters} picks Testcontainers where
 * Docker runs and the embedded broker otherwise.
 */
package io.rewardloop.kafka;
