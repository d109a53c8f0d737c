/**
 * Avro serdes for the event types, in two modes chosen by {@code schema.registry.url}: the
 * Confluent wire format against a Schema Registry, or Avro's single-object encoding against the
 * schemas built into this module ({@code embedded}). Decoding failures are typed ({@link
 * io.rewardloop.schemas.serde.EventDecodingException}); {@link
 * io.rewardloop.schemas.serde.RecordDecoder} adds partition and offset to them and {@link
 * io.rewardloop.schemas.serde.DeadLetters} routes the poison record to a dead-letter topic.
 */
package io.rewardloop.schemas.serde;
