package io.rewardloop.schemas.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/** The fake registry's subjects and schemas, with Confluent's rules and error codes. */
final class FakeRegistryState {

    /** A refusal with Confluent's HTTP status and error code. */
    static final class Refusal extends RuntimeException {
        final int status;
        final int errorCode;

        Refusal(int status, int errorCode, String message) {
            super(message);
            this.status = status;
            this.errorCode = errorCode;
        }
    }

    /** The newest version of a subject. */
    record Latest(String subject, int id, int version, Schema schema) {}

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();

    /** Registers under BACKWARD compatibility; an identical schema keeps its id everywhere. */
    synchronized int register(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        Integer existing = idsBySchemaText.get(schema.toString());
        if (existing != null && versions.contains(existing)) {
            return existing;
        }
        if (!versions.isEmpty() && !compatibleWithLatest(subject, schema)) {
            throw new Refusal(
                    409,
                    409,
                    "Schema being registered is incompatible with an earlier schema for subject \""
                            + subject
                            + "\"");
        }
        int id =
                existing != null
                        ? existing
                        : idsBySchemaText.computeIfAbsent(
                                schema.toString(), text -> schemasById.size() + 1);
        schemasById.putIfAbsent(id, schema);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    synchronized Schema byId(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new Refusal(404, 40403, "Schema " + id + " not found");
        }
        return schema;
    }

    synchronized Latest latest(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new Refusal(404, 40401, "Subject '" + subject + "' not found.");
        }
        int id = versions.get(versions.size() - 1);
        return new Latest(subject, id, versions.size(), schemasById.get(id));
    }

    /** BACKWARD: the new schema, as reader, must read data written with the latest version. */
    synchronized boolean compatibleWithLatest(String subject, Schema schema) {
        Schema latest = latest(subject).schema();
        return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    synchronized Set<String> subjects() {
        return Set.copyOf(versionsBySubject.keySet());
    }
}
