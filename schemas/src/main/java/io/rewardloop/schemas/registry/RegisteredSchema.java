package io.rewardloop.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject, as the registry stores it.
 *
 * @param subject the subject, e.g. {@code rlhf.responses-value}
 * @param id the registry-wide schema id (what the wire format carries)
 * @param version the version number within the subject, from 1
 * @param schema the Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {

    /**
     * Checks that subject and schema are present.
     *
     * @param subject the subject
     * @param id the schema id
     * @param version the version within the subject
     * @param schema the Avro schema
     */
    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
