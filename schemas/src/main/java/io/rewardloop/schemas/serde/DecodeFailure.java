package io.rewardloop.schemas.serde;

/** Why a record's bytes could not be decoded into an event. */
public enum DecodeFailure {
    /** The first byte(s) are not the format's marker: another format, or not Avro at all. */
    UNKNOWN_MAGIC_BYTE,
    /** The schema id (registry) or fingerprint (embedded) names no schema this reader can find. */
    UNKNOWN_SCHEMA_ID,
    /** The bytes end before the header or the record body does. */
    TRUNCATED,
    /** The body does not decode with its writer schema, or cannot be read as the wanted type. */
    MALFORMED_BODY,
    /** The Schema Registry could not be asked for the writer schema. Retrying may help. */
    SCHEMA_REGISTRY_UNAVAILABLE
}
