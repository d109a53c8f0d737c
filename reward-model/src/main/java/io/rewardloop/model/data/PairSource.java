package io.rewardloop.model.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pair file and the objective its pairs are about, as written on the command line: {@code
 * [OBJECTIVE=]FILE}. A pair's own {@code "objective"} field wins over the prefix.
 *
 * @param file the file
 * @param objective the objective for every pair in it, or null
 */
public record PairSource(Path file, String objective) {

    private static final Pattern OBJECTIVE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    /** Validates. */
    public PairSource {
        Objects.requireNonNull(file, "file");
    }

    /**
     * Parses {@code FILE} or {@code OBJECTIVE=FILE}. A prefix that is not an objective name (for
     * example a path that holds '=') is read as part of the file name.
     *
     * @param spec the command-line value
     * @return the source
     */
    public static PairSource parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq > 0 && OBJECTIVE_NAME.matcher(spec.substring(0, eq)).matches()) {
            return new PairSource(Path.of(spec.substring(eq + 1)), spec.substring(0, eq));
        }
        return new PairSource(Path.of(spec), null);
    }
}
