package io.rewardloop.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.events.RatedResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one item and collects what is wrong, each error under its JSON pointer. The
 * readers return null for a missing or bad field so that every error of the item is reported in one
 * answer, not only the first.
 */
final class ItemChecker {

    private final ObjectNode item;
    private final int maxTextChars;
    private final List<FieldError> errors = new ArrayList<>();

    ItemChecker(ObjectNode item, int maxTextChars) {
        this.item = item;
        this.maxTextChars = maxTextChars;
    }

    ObjectNode item() {
        return item;
    }

    List<FieldError> errors() {
        return errors;
    }

    void error(String pointer, String message) {
        errors.add(new FieldError(pointer, message));
    }

    /** Every field not in {@code known} is an error: a typo must not pass silently. */
    void rejectUnknownFields(Set<String> known) {
        Iterator<String> names = item.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                error("/" + FeedbackJson.pointerToken(name), "is not a field of this kind");
            }
        }
    }

    /** A required, non-blank text up to the text limit. */
    String requiredText(String name) {
        JsonNode node = item.get(name);
        if (node == null || node.isNull()) {
            error("/" + name, "is missing");
            return null;
        }
        return text(node, "/" + name, maxTextChars, false);
    }

    /**
     * The prompt: required, unless every one of the named responses gives a {@code responseId}
     * (completion then takes the prompt from {@code rlhf.responses}); null when left out so.
     */
    String prompt(String... responses) {
        JsonNode node = item.get("prompt");
        if ((node == null || node.isNull()) && namesEveryResponseById(responses)) {
            return null;
        }
        return requiredText("prompt");
    }

    private boolean namesEveryResponseById(String... responses) {
        for (String name : responses) {
            JsonNode id = item.path(name).path("responseId");
            if (!id.isTextual() || id.textValue().isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** An optional short string (an id or a name): null when absent or null. */
    String optionalName(String name, int maxChars) {
        JsonNode node = item.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        return text(node, "/" + name, maxChars, false);
    }

    /** A required short string (an id or a name). */
    String requiredName(String name, int maxChars) {
        JsonNode node = item.get(name);
        if (node == null || node.isNull()) {
            error("/" + name, "is missing");
            return null;
        }
        return text(node, "/" + name, maxChars, false);
    }

    /**
     * A response: a string (its text) or {@code {"text"?, "responseId"?}} with at least one of the
     * two. A response named only by id has text {@code ""}.
     */
    RatedResponse response(String name) {
        String pointer = "/" + name;
        JsonNode node = item.get(name);
        if (node == null || node.isNull()) {
            error(pointer, "is missing");
            return null;
        }
        if (node.isTextual()) {
            String text = text(node, pointer, maxTextChars, false);
            return text == null ? null : new RatedResponse(text, null);
        }
        if (!node.isObject()) {
            error(pointer, "must be a string (the response text) or an object {text, responseId}");
            return null;
        }
        int before = errors.size();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!field.equals("text") && !field.equals("responseId")) {
                error(pointer + "/" + FeedbackJson.pointerToken(field), "is not a response field");
            }
        }
        JsonNode textNode = node.get("text");
        JsonNode idNode = node.get("responseId");
        String text =
                textNode == null || textNode.isNull()
                        ? null
                        : text(textNode, pointer + "/text", maxTextChars, true);
        String responseId =
                idNode == null || idNode.isNull()
                        ? null
                        : text(
                                idNode,
                                pointer + "/responseId",
                                FeedbackValidator.MAX_ID_CHARS,
                                false);
        if (errors.size() > before) {
            return null;
        }
        if ((text == null || text.isEmpty()) && responseId == null) {
            error(pointer, "needs a non-empty text or a responseId");
            return null;
        }
        return new RatedResponse(text == null ? "" : text, responseId);
    }

    private String text(JsonNode node, String pointer, int maxChars, boolean allowBlank) {
        if (!node.isTextual()) {
            error(pointer, "must be a string, not " + describe(node));
            return null;
        }
        String value = node.textValue();
        if (!allowBlank && value.isBlank()) {
            error(pointer, "must not be blank");
            return null;
        }
        int chars = value.codePointCount(0, value.length());
        if (chars > maxChars) {
            error(pointer, "is " + chars + " characters long, over the limit of " + maxChars);
            return null;
        }
        return value;
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case NULL, MISSING -> "null";
            case STRING -> "a string";
            case BINARY -> "binary";
        };
    }
}
