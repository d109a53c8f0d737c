package io.rewardloop.model.data;

import java.util.Locale;

/**
 * Which lines of a data file to use: all of them, or the odd or even ones (1-based), for splits.
 */
public enum LineSelection {
    /** Every line. */
    ALL,
    /** Lines 1, 3, 5, ... */
    ODD,
    /** Lines 2, 4, 6, ... */
    EVEN;

    /**
     * Whether a 1-based line number is selected.
     *
     * @param lineNumber the line number
     * @return true when the line is used
     */
    public boolean includes(long lineNumber) {
        return switch (this) {
            case ALL -> true;
            case ODD -> lineNumber % 2 == 1;
            case EVEN -> lineNumber % 2 == 0;
        };
    }

    /**
     * Parses {@code all}, {@code odd} or {@code even}.
     *
     * @param text the name, any case
     * @return the selection
     */
    public static LineSelection parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "line selection must be all, odd or even, got '" + text + "'", e);
        }
    }
}
