package io.rewardloop.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks one feedback item (a parsed JSON value) and turns it into its event. Immutable and
 * thread-safe; the HTTP API and the Streams topology share one.
 *
 * <p>Formats ({@code ?} optional; unknown fields are errors):
 *
 * <pre>
 * preference: {"kind":"preference"?, "feedbackId"?, "prompt", "promptId"?, "chosen", "rejected",
 *              "objective"?, "strength"? (SIGNIFICANTLY_BETTER..UNSURE), "tie"? bool, "annotatorId"}
 * rating:     {"kind":"rating"?, "feedbackId"?, "prompt", "promptId"?, "response",
 *              "ratings": {"helpfulness": 4, ...}, "scales"?: {"helpfulness": [1, 5]}, "annotatorId"}
 * </pre>
 *
 * A response ({@code chosen}, {@code rejected}, {@code response}) is its text or {@code {"text"?,
 * "responseId"?}}. A rating without a scale must lie in [0, 1]. Without {@code kind} the kind is
 * inferred: {@code chosen}/{@code rejected} make a preference, {@code response}/{@code ratings} a
 * rating.
 */
public final class FeedbackValidator {

    /** Default longest prompt or response text, in characters (Unicode code points). */
    public static final int DEFAULT_MAX_TEXT_CHARS = 100_000;

    /** Longest feedback id, prompt id, response id, annotator id or objective name. */
    public static final int MAX_ID_CHARS = 200;

    /** Most objectives one rating item may rate. */
    public static final int MAX_RATINGS_PER_ITEM = 64;

    private final int maxTextChars;
    private final Set<String> objectives;

    /**
     * Creates a validator.
     *
     * @param maxTextChars longest prompt or response text, in characters
     * @param objectives the objectives this deployment knows; empty accepts any name
     */
    public FeedbackValidator(int maxTextChars, Set<String> objectives) {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("maxTextChars must be positive: " + maxTextChars);
        }
        this.maxTextChars = maxTextChars;
        this.objectives = Set.copyOf(objectives);
    }

    /**
     * A validator with the default text limit and any objective.
     *
     * @return the validator
     */
    public static FeedbackValidator defaults() {
        return new FeedbackValidator(DEFAULT_MAX_TEXT_CHARS, Set.of());
    }

    /**
     * The text limit.
     *
     * @return characters
     */
    public int maxTextChars() {
        return maxTextChars;
    }

    /**
     * The fixed objectives.
     *
     * @return the names; empty when any objective is accepted
     */
    public Set<String> objectives() {
        return objectives;
    }

    /**
     * Validates an item, stamped now.
     *
     * @param item the parsed JSON value
     * @param kind the kind the caller requires (an HTTP endpoint), or null to take the item's
     *     {@code kind} or infer it
     * @param source the event's source ({@code http}, {@code kafka}, ...)
     * @return the event or every error found
     */
    public Validated validate(JsonNode item, Kind kind, String source) {
        return validate(item, kind, source, Instant.now());
    }

    /**
     * Validates an item.
     *
     * @param item the parsed JSON value
     * @param kind the kind the caller requires, or null to take the item's {@code kind} or infer it
     * @param source the event's source
     * @param createdAt the event's time (e.g. the Kafka record's timestamp)
     * @return the event or every error found
     */
    public Validated validate(JsonNode item, Kind kind, String source, Instant createdAt) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(createdAt, "createdAt");
        if (item == null || !item.isObject()) {
            return Validated.invalid(
                    List.of(
                            new FieldError(
                                    "",
                                    "must be a JSON object, not "
                                            + (item == null
                                                    ? "nothing"
                                                    : ItemChecker.describe(item)))));
        }
        ObjectNode object = (ObjectNode) item;
        JsonNode declared = object.get("kind");
        Kind declaredKind = null;
        if (declared != null && !declared.isNull()) {
            declaredKind =
                    declared.isTextual()
                            ? Kind.fromWireName(declared.textValue()).orElse(null)
                            : null;
            if (declaredKind == null) {
                return invalid("/kind", "must be \"preference\" or \"rating\"");
            }
            if (kind != null && declaredKind != kind) {
                return invalid("/kind", "this endpoint takes " + kind.wireName() + " items only");
            }
        }
        Kind effective = kind != null ? kind : declaredKind;
        if (effective == null) {
            boolean preference = object.has("chosen") || object.has("rejected");
            boolean rating = object.has("response") || object.has("ratings");
            if (preference == rating) {
                return invalid(
                        "",
                        "cannot tell the kind: give \"kind\", or chosen/rejected (a preference),"
                                + " or response/ratings (a rating)");
            }
            effective = preference ? Kind.PREFERENCE : Kind.RATING;
        }
        ItemChecker checker = new ItemChecker(object, maxTextChars);
        return effective == Kind.PREFERENCE
                ? PreferenceCheck.check(checker, this, source, createdAt)
                : RatingCheck.check(checker, this, source, createdAt);
    }

    /** Checks an objective name against the fixed set; records the error under {@code pointer}. */
    void checkObjective(ItemChecker checker, String pointer, String objective) {
        if (!objectives.isEmpty() && !objectives.contains(objective)) {
            checker.error(
                    pointer,
                    "unknown objective '"
                            + objective
                            + "'; this deployment knows "
                            + new TreeSet<>(objectives));
        }
    }

    private static Validated invalid(String pointer, String message) {
        return Validated.invalid(List.of(new FieldError(pointer, message)));
    }
}
