package io.rewardloop.schemas.serde;

/** Why a record's bytes could not be decoded into an event. */
public enum DecodeFailure {
    /** The first byte(s) are not the format's marker: another format, or not Avro at all. */
    UNKNOWN_MAGIC_BYTE,
    /** The schema id (registry) or fingerprint (embedded) names no schema this reader can find. */
    UNKNOWN_SCHEMA_ID,
    /**
     * The bytes end before the header or the record body does, or a string, bytes, array or map in
     * the body claims more bytes or items than are left (a length bomb, refused before anything is
     * allocated for it).
     */
    TRUNCATED,
    /** The body does not decode with its writer schema, or cannot be read as the wanted type. */
    MALFORMED_BODY,
    /** The Schema Registry could not be asked for the writer schema. Retrying may help. */
    SCHEMA_REGISTRY_UNAVAILABLE
}
