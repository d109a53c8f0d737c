package io.rewardloop.schemas.registry;

import org.apache.avro.Schema;

/**
 * What the serdes need from a Confluent-compatible Schema Registry. Kept this small so that an
 * adapter over Confluent's {@code io.confluent.kafka.schemaregistry.client.SchemaRegistryClient}
 * ({@code CachedSchemaRegistryClient}) can replace {@link RestSchemaRegistryClient} where that jar
 * is available; each method names the Confluent method it maps to.
 *
 * <p>Failures are {@link SchemaRegistryException}s: {@link SubjectNotFoundException} (40401),
 * {@link SchemaNotFoundException} (40403), {@link IncompatibleSchemaException} (409), {@link
 * InvalidSchemaException} (422 / 42201) and {@link SchemaRegistryUnavailableException} (5xx or no
 * connection). Implementations are thread-safe.
 */
public interface SchemaRegistryClient {

    /**
     * Registers a schema under a subject, or finds it when it is already there. Maps to Confluent's
     * {@code register(String subject, ParsedSchema schema)} ({@code POST
     * /subjects/{subject}/versions}).
     *
     * @param subject e.g. {@code rlhf.responses-value}
     * @param schema the Avro schema
     * @return the registry-wide schema id; an identical schema always gets the same id
     * @throws IncompatibleSchemaException when the subject's compatibility rule refuses it
     */
    int register(String subject, Schema schema);

    /**
     * The schema with this id. Maps to Confluent's {@code getSchemaById(int id)} ({@code GET
     * /schemas/ids/{id}}).
     *
     * @param id the schema id from the wire format
     * @return the schema
     * @throws SchemaNotFoundException when no schema has this id
     */
    Schema schemaById(int id);

    /**
     * The newest version of a subject. Maps to Confluent's {@code getLatestSchemaMetadata(String
     * subject)} ({@code GET /subjects/{subject}/versions/latest}).
     *
     * @param subject e.g. {@code rlhf.responses-value}
     * @return id, version and schema
     * @throws SubjectNotFoundException when nothing is registered under the subject
     */
    RegisteredSchema latest(String subject);

    /**
     * The id of the newest version of a subject; {@code getLatestSchemaMetadata(subject).getId()}
     * in Confluent's client.
     *
     * @param subject e.g. {@code rlhf.responses-value}
     * @return the schema id
     * @throws SubjectNotFoundException when nothing is registered under the subject
     */
    default int latestId(String subject) {
        return latest(subject).id();
    }

    /**
     * Whether the subject's compatibility rule would accept this schema as its next version. Maps
     * to Confluent's {@code testCompatibility(String subject, ParsedSchema schema)} ({@code POST
     * /compatibility/subjects/{subject}/versions/latest}).
     *
     * @param subject e.g. {@code rlhf.responses-value}
     * @param schema the candidate schema
     * @return true when it may be registered
     * @throws SubjectNotFoundException when nothing is registered under the subject yet
     */
    boolean isCompatible(String subject, Schema schema);
}
