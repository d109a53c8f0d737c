package io.rewardloop.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry's rules, independent of HTTP: ids are global and stable (the same schema has the
 * same id under every subject, and registering it again returns that id), versions count from 1 per
 * subject, and a new version must pass the subject's {@link CompatibilityLevel}. Every change goes
 * through the {@link Journal}; reads come from the {@link RegistryState} it keeps current.
 */
public final class SchemaRegistry {

    /** The only schema type served. */
    public static final String AVRO = "AVRO";

    /** What a version path segment may be besides a number. */
    public static final String LATEST = "latest";

    private final RegistryState state;
    private final Journal journal;

    SchemaRegistry(RegistryState state, Journal journal) {
        this.state = state;
        this.journal = journal;
    }

    /**
     * Subjects with a live version.
     *
     * @param deleted whether to list subjects whose versions are all soft-deleted too
     * @return subject names, sorted
     */
    public List<String> subjects(boolean deleted) {
        return state.subjects(deleted);
    }

    /**
     * A subject's versions.
     *
     * @param subject the subject
     * @param deleted whether to include soft-deleted versions
     * @return versions, oldest first
     * @throws RegistryError 40401 when the subject has none
     */
    public List<SchemaVersion> versions(String subject, boolean deleted) {
        List<SchemaVersion> versions = state.versions(subject, deleted);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    /**
     * One version of a subject.
     *
     * @param subject the subject
     * @param version a number, {@code latest} or {@code -1}
     * @param deleted whether a soft-deleted version may be returned
     * @return the version
     * @throws RegistryError 40401, 40402 or 42202
     */
    public SchemaVersion version(String subject, String version, boolean deleted) {
        List<SchemaVersion> versions = versions(subject, deleted);
        int number = parseVersion(version);
        if (number == -1) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream()
                .filter(v -> v.version() == number)
                .findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(subject, number));
    }

    /**
     * Registers a schema under a subject, or returns the id it already has there.
     *
     * @param subject the subject
     * @param schema the schema text
     * @param schemaType {@code AVRO} or null (Avro)
     * @return the schema's global id
     * @throws RegistryError 42201 (invalid or not Avro), 409 (incompatible)
     */
    public synchronized int register(String subject, String schema, String schemaType) {
        String canonical = canonical(schema, schemaType);
        journal.catchUp();
        List<SchemaVersion> live = state.versions(subject, false);
        Optional<SchemaVersion> same =
                live.stream().filter(v -> v.schema().equals(canonical)).findFirst();
        if (same.isPresent()) {
            return same.get().id();
        }
        List<String> problems = problems(subject, canonical, live);
        if (!problems.isEmpty()) {
            throw new RegistryError(
                    409,
                    RegistryError.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject '"
                            + subject
                            + "' ("
                            + state.effectiveLevel(subject)
                            + "): "
                            + String.join("; ", problems));
        }
        int id = state.id(canonical).orElseGet(state::nextId);
        int version = state.lastVersionNumber(subject) + 1;
        journal.append(JournalRecord.of(new SchemaVersion(subject, version, id, canonical, false)));
        return id;
    }

    /**
     * Finds the version of a subject that has this schema.
     *
     * @param subject the subject
     * @param schema the schema text
     * @param schemaType {@code AVRO} or null
     * @param deleted whether a soft-deleted version counts
     * @return the version
     * @throws RegistryError 40401 (no such subject), 40403 (not registered under it), 42201
     */
    public SchemaVersion lookup(String subject, String schema, String schemaType, boolean deleted) {
        String canonical = canonical(schema, schemaType);
        return versions(subject, deleted).stream()
                .filter(v -> v.schema().equals(canonical))
                .reduce((first, later) -> later)
                .orElseThrow(() -> RegistryError.schemaNotFound("under subject '" + subject + "'"));
    }

    /**
     * Soft-deletes one version: it stays readable by id, and its id is never reused.
     *
     * @param subject the subject
     * @param version a number or {@code latest}
     * @return the deleted version's number
     */
    public synchronized int deleteVersion(String subject, String version) {
        SchemaVersion found = version(subject, version, false);
        journal.append(JournalRecord.of(found.asDeleted()));
        return found.version();
    }

    /**
     * Soft-deletes every version of a subject.
     *
     * @param subject the subject
     * @return the deleted version numbers
     */
    public synchronized List<Integer> deleteSubject(String subject) {
        List<SchemaVersion> live = versions(subject, false);
        live.forEach(v -> journal.append(JournalRecord.of(v.asDeleted())));
        return live.stream().map(SchemaVersion::version).toList();
    }

    /**
     * The schema with this id.
     *
     * @param id the global id
     * @return its canonical text
     * @throws RegistryError 40403
     */
    public String schema(int id) {
        return state.schema(id).orElseThrow(() -> RegistryError.schemaNotFound("id " + id));
    }

    /**
     * The subject-versions that use this id.
     *
     * @param id the global id
     * @param deleted whether soft-deleted versions count
     * @return the versions
     * @throws RegistryError 40403 when no schema has the id
     */
    public List<SchemaVersion> versionsWithId(int id, boolean deleted) {
        schema(id);
        return state.versionsWithId(id, deleted);
    }

    /**
     * Why a schema could not follow a version of a subject under the subject's level; {@code
     * latest} checks as registration would (all versions for {@code _TRANSITIVE} levels), a number
     * checks against that version only.
     *
     * @param subject the subject
     * @param version a number or {@code latest}
     * @param schema the candidate schema text
     * @param schemaType {@code AVRO} or null
     * @return the incompatibilities; empty when compatible
     * @throws RegistryError 40401, 40402, 42201, 42202
     */
    public List<String> compatibilityProblems(
            String subject, String version, String schema, String schemaType) {
        String canonical = canonical(schema, schemaType);
        List<SchemaVersion> against =
                parseVersion(version) == -1
                        ? versions(subject, false)
                        : List.of(version(subject, version, false));
        return problems(subject, canonical, against);
    }

    /**
     * The global compatibility level.
     *
     * @return BACKWARD unless set
     */
    public CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    /**
     * A subject's own level.
     *
     * @param subject the subject
     * @return the level, or empty when the global one applies
     */
    public Optional<CompatibilityLevel> subjectLevel(String subject) {
        return state.subjectLevel(subject);
    }

    /**
     * Sets the global level ({@code subject} null) or a subject's.
     *
     * @param subject the subject, or null for the global level
     * @param level the level
     */
    public synchronized void setLevel(String subject, CompatibilityLevel level) {
        journal.append(JournalRecord.of(subject, level));
    }

    /**
     * Removes a subject's own level, so that the global one applies again.
     *
     * @param subject the subject
     * @return the level it had
     * @throws RegistryError 40408 when it had none
     */
    public synchronized CompatibilityLevel removeLevel(String subject) {
        CompatibilityLevel previous =
                state.subjectLevel(subject)
                        .orElseThrow(() -> RegistryError.levelNotConfigured(subject));
        journal.append(JournalRecord.of(subject, null));
        return previous;
    }

    private List<String> problems(String subject, String canonical, List<SchemaVersion> against) {
        Schema candidate = new Schema.Parser().parse(canonical);
        List<Schema> existing =
                against.stream().map(v -> new Schema.Parser().parse(v.schema())).toList();
        return state.effectiveLevel(subject).problems(candidate, existing);
    }

    /** Parses a schema and returns Avro's canonical JSON for it, the form ids are keyed by. */
    static String canonical(String schema, String schemaType) {
        if (schemaType != null && !schemaType.isBlank() && !AVRO.equalsIgnoreCase(schemaType)) {
            throw RegistryError.invalidSchema(
                    "schemaType " + schemaType + " is not supported here, only " + AVRO);
        }
        if (schema == null || schema.isBlank()) {
            throw RegistryError.invalidSchema("the request has no 'schema'");
        }
        try {
            return new Schema.Parser().parse(schema).toString();
        } catch (RuntimeException e) {
            // Avro 1.12 reports an unknown type name as a NullPointerException.
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    /** A version segment as a number; -1 for {@code latest}. */
    private static int parseVersion(String version) {
        if (LATEST.equalsIgnoreCase(version)) {
            return -1;
        }
        try {
            int number = Integer.parseInt(version);
            if (number >= 1 || number == -1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RegistryError(
                422,
                RegistryError.INVALID_VERSION,
                "The specified version '"
                        + version
                        + "' is not a valid version id: 'latest' or a number from 1");
    }
}
