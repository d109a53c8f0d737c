/**
 * A Confluent-compatible Schema Registry for the embedded default: the documented REST subset
 * (subjects, versions, ids, compatibility, config; Avro only) served by {@link
 * io.rewardloop.registry.SchemaRegistryServer}, its state kept in a compacted Kafka topic ({@code
 * _schemas}, as Confluent does), so ids survive restarts and every instance agrees.
 */
package io.rewardloop.registry;
