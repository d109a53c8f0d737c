package io.rewardloop.schemas.registry;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Caches what never changes in a registry: the id of a schema under a subject, and the schema of an
 * id (both ways: registering a schema also answers later look-ups of its id). The newest version of
 * a subject and compatibility answers can change, so they always go to the registry; their answers
 * still fill the id caches. Thread-safe.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {}

    private final SchemaRegistryClient delegate;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * Wraps a client.
     *
     * @param delegate the client that talks to the registry
     */
    public CachingSchemaRegistryClient(SchemaRegistryClient delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        int id = delegate.register(subject, schema);
        ids.put(key, id);
        schemas.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemas.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = delegate.schemaById(id);
        Schema raced = schemas.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        RegisteredSchema latest = delegate.latest(subject);
        schemas.putIfAbsent(latest.id(), latest.schema());
        ids.putIfAbsent(new SubjectSchema(subject, latest.schema()), latest.id());
        return latest;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return delegate.isCompatible(subject, schema);
    }
}
