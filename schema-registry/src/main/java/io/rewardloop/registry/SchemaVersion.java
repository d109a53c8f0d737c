package io.rewardloop.registry;

import java.util.Objects;

/**
 * One version of a subject, as stored.
 *
 * @param subject e.g. {@code rlhf.responses-value}
 * @param version from 1 within the subject
 * @param id the registry-wide schema id: the same schema has the same id under every subject
 * @param schema the schema in Avro's canonical JSON ({@code Schema.toString()})
 * @param deleted whether the version was soft-deleted
 */
public record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

    /** Checks that subject and schema are present. */
    public SchemaVersion {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }

    /**
     * This version, soft-deleted.
     *
     * @return a copy marked deleted
     */
    public SchemaVersion asDeleted() {
        return new SchemaVersion(subject, version, id, schema, true);
    }
}
