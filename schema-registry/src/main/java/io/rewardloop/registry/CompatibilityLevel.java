package io.rewardloop.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Confluent's compatibility levels, checked with Avro's {@link SchemaCompatibility}. BACKWARD: the
 * new schema reads data written with the old one; FORWARD: the old one reads data written with the
 * new one; FULL: both. Plain levels compare with the latest version, {@code _TRANSITIVE} ones with
 * every version.
 */
public enum CompatibilityLevel {
    /** Anything goes. */
    NONE(false, false, false),
    /** The new schema reads the latest version's data (the default). */
    BACKWARD(true, false, false),
    /** The new schema reads every version's data. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** The latest version reads the new schema's data. */
    FORWARD(false, true, false),
    /** Every version reads the new schema's data. */
    FORWARD_TRANSITIVE(false, true, true),
    /** BACKWARD and FORWARD against the latest version. */
    FULL(true, true, false),
    /** BACKWARD and FORWARD against every version. */
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /**
     * Parses a level name as the REST API sends it.
     *
     * @param name e.g. {@code backward_transitive} (any case)
     * @return the level
     * @throws RegistryError (42203) when the name is not a level
     */
    public static CompatibilityLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RegistryError(
                    422,
                    RegistryError.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level '"
                            + name
                            + "': one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD,"
                            + " FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE");
        }
    }

    /**
     * What keeps a candidate from following the existing versions under this level.
     *
     * @param candidate the schema to register
     * @param existing the subject's live versions, oldest first
     * @return one line per incompatibility; empty when the candidate may be registered
     */
    public List<String> problems(Schema candidate, List<Schema> existing) {
        List<String> problems = new ArrayList<>();
        if (existing.isEmpty()) {
            return problems;
        }
        List<Schema> against = transitive ? existing : List.of(existing.get(existing.size() - 1));
        for (Schema old : against) {
            if (newReadsOld) {
                problems.addAll(describe("new schema cannot read", candidate, old));
            }
            if (oldReadsNew) {
                problems.addAll(describe("an earlier schema cannot read", old, candidate));
            }
        }
        return problems;
    }

    private static List<String> describe(String prefix, Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        List<String> lines = new ArrayList<>();
        for (Incompatibility each : result.getResult().getIncompatibilities()) {
            lines.add(
                    prefix
                            + " data of the other: "
                            + each.getType()
                            + " at "
                            + each.getLocation()
                            + ": "
                            + each.getMessage());
        }
        return lines;
    }
}
