package io.rewardloop.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the registry knows, rebuilt from its storage topic: versions by subject, schemas by id and
 * compatibility levels. Only the storage ({@link Journal}) changes it; thread-safe.
 */
final class RegistryState {

    private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId;

    synchronized void putVersion(SchemaVersion version) {
        subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>())
                .put(version.version(), version);
        schemaById.put(version.id(), version.schema());
        idBySchema.putIfAbsent(version.schema(), version.id());
        maxId = Math.max(maxId, version.id());
    }

    synchronized void putLevel(String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalLevel = level == null ? CompatibilityLevel.BACKWARD : level;
        } else if (level == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, level);
        }
    }

    /** Subjects with at least one version, live ones only unless {@code deleted}. */
    synchronized List<String> subjects(boolean deleted) {
        return subjects.entrySet().stream()
                .filter(e -> !versions(e.getKey(), deleted).isEmpty())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The subject's versions, oldest first; live ones only unless {@code deleted}. */
    synchronized List<SchemaVersion> versions(String subject, boolean deleted) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream().filter(v -> deleted || !v.deleted()).toList();
    }

    /** The highest version number the subject ever had, soft-deleted ones included; 0 if none. */
    synchronized int lastVersionNumber(String subject) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    synchronized Optional<String> schema(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    /** The id this canonical schema has, under any subject. */
    synchronized Optional<Integer> id(String canonicalSchema) {
        return Optional.ofNullable(idBySchema.get(canonicalSchema));
    }

    synchronized int nextId() {
        return maxId + 1;
    }

    /** Every version, under any subject, with this id; live ones only unless {@code deleted}. */
    synchronized List<SchemaVersion> versionsWithId(int id, boolean deleted) {
        List<SchemaVersion> found = new ArrayList<>();
        for (TreeMap<Integer, SchemaVersion> versions : subjects.values()) {
            versions.values().stream()
                    .filter(v -> v.id() == id && (deleted || !v.deleted()))
                    .forEach(found::add);
        }
        return found;
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The level that applies to a subject: its own, else the global one. */
    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
