package io.rewardloop.feedback;

import java.util.Locale;
import java.util.Optional;

/** The two kinds of human feedback: a pairwise preference and an absolute rating. */
public enum Kind {
    /** Two responses to one prompt, one chosen over the other (or a tie). */
    PREFERENCE("preference"),
    /** One response rated on one or more objectives, each on its scale. */
    RATING("rating");

    private final String wireName;

    Kind(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name in JSON ({@code "kind": "preference"}).
     *
     * @return {@code preference} or {@code rating}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The kind a JSON {@code "kind"} value names.
     *
     * @param name e.g. {@code rating}; case-insensitive
     * @return the kind, or empty when unknown
     */
    public static Optional<Kind> fromWireName(String name) {
        for (Kind kind : values()) {
            if (kind.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
