package io.rewardloop.channel;

import io.rewardloop.common.RewardLoopException;
import java.util.regex.Pattern;

/**
 * Record keys on {@code rlhf.models} and the names inside them. A record's key is {@code
 * <lineage>:<version>}, so compaction keeps every version of a lineage (a corrupt newest record
 * never erases the one before it). Records written before this scheme are keyed {@code <lineage>}
 * and are still read.
 *
 * <p>Lineages and versions are 1 to 128 characters of {@code A-Z a-z 0-9 . _ + -}, starting with a
 * letter or digit: they appear in keys (hence no {@code :}) and in artifact file names (hence no
 * {@code /}).
 */
public final class ModelKeys {

    /** The model lineage when none is named. */
    public static final String DEFAULT_LINEAGE = "default";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    private ModelKeys() {}

    /**
     * The key of a version's record.
     *
     * @param lineage the lineage
     * @param version the version
     * @return {@code lineage:version}
     */
    public static String key(String lineage, String version) {
        return checkLineage(lineage) + ":" + version;
    }

    /**
     * The lineage a record key names.
     *
     * @param key a record key, {@code lineage:version} or (older records) {@code lineage}
     * @return the lineage, null for a null key
     */
    public static String lineageOf(String key) {
        if (key == null) {
            return null;
        }
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }

    /**
     * Checks a lineage name.
     *
     * @param lineage the name
     * @return the name
     * @throws RewardLoopException when it is not a valid name
     */
    public static String checkLineage(String lineage) {
        return check("lineage", lineage);
    }

    /**
     * Checks a version name before it is published.
     *
     * @param version the name
     * @return the name
     * @throws RewardLoopException when it is not a valid name
     */
    public static String checkVersion(String version) {
        return check("version", version);
    }

    private static String check(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RewardLoopException(
                    "model "
                            + what
                            + " '"
                            + name
                            + "' is not valid: 1 to 128 of A-Z a-z 0-9 . _ + -, starting with a"
                            + " letter or digit");
        }
        return name;
    }
}
