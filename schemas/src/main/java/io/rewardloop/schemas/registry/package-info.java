/**
 * A small client for the Confluent Schema Registry REST API: {@link
 * io.rewardloop.schemas.registry.SchemaRegistryClient} (the interface the serdes depend on), {@link
 * io.rewardloop.schemas.registry.RestSchemaRegistryClient} (HTTP), {@link
 * io.rewardloop.schemas.registry.CachingSchemaRegistryClient} (ids cached both ways) and the typed
 * exceptions that Confluent's error codes turn into.
 */
package io.rewardloop.schemas.registry;
