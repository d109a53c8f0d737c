/**
 * The one immutable registry of Kafka topics: each {@link io.rewardloop.schemas.Topic} is a value
 * carrying its name, key and value types (and so its serdes), partitions, cleanup policy and dead-
 * letter topic. {@link io.rewardloop.schemas.Topics} holds them all; {@link
 * io.rewardloop.schemas.TopicAdmin} creates them on a cluster.
 */
package io.rewardloop.schemas;
