package io.rewardloop.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.model.data.HhRlhfDialogue;
import java.util.List;
import java.util.Map;

/**
 * One line of a file {@code rlhf train} reads, turned into the feedback item the ingest takes:
 *
 * <ul>
 *   <li>pairs {@code {"prompt", "chosen", "rejected"}} (optional {@code objective}) become
 *       preferences;
 *   <li>HH-RLHF dialogues {@code {"chosen", "rejected"}} are split as {@code rlhf train} splits
 *       them ({@link HhRlhfDialogue}) and become preferences;
 *   <li>ratings {@code {"prompt", "response", "ratings", "scales"}} become ratings (a {@code null}
 *       rating means "not rated" and is left out, with its scale).
 * </ul>
 *
 * Fields the ingest knows ({@code feedbackId}, {@code annotatorId}, {@code promptId}; for pairs
 * also {@code objective}, {@code strength}, {@code tie}) are kept; others that {@code rlhf train}
 * ignores (e.g. {@code subset}) are dropped. The annotator is the line's {@code annotatorId}, else
 * the importer's default.
 */
final class ImportLine {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> KEPT_FOR_PAIRS =
            List.of("feedbackId", "promptId", "objective", "strength", "tie");
    private static final List<String> KEPT_FOR_RATINGS = List.of("feedbackId", "promptId");

    private ImportLine() {}

    /**
     * The item of a line, or the reason it cannot become one.
     *
     * @param text the line (not blank)
     * @param annotator the annotator for lines without {@code annotatorId}
     * @return the item, or an error
     */
    static Result parse(String text, String annotator) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return Result.error("invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return Result.error("expected a JSON object");
        }
        boolean rating = node.has("ratings") || node.has("response");
        ObjectNode item = MAPPER.createObjectNode();
        item.put("kind", rating ? "rating" : "preference");
        try {
            if (rating) {
                rating(node, item);
            } else {
                preference(node, item);
            }
        } catch (IllegalArgumentException e) {
            return Result.error(e.getMessage());
        }
        JsonNode lineAnnotator = node.get("annotatorId");
        item.set(
                "annotatorId",
                lineAnnotator != null && !lineAnnotator.isNull()
                        ? lineAnnotator
                        : MAPPER.getNodeFactory().textNode(annotator));
        return new Result(item, null);
    }

    private static void preference(JsonNode node, ObjectNode item) {
        String chosen = text(node, "chosen");
        String rejected = text(node, "rejected");
        if (node.has("prompt")) {
            item.put("prompt", text(node, "prompt"));
            item.put("chosen", chosen);
            item.put("rejected", rejected);
        } else {
            HhRlhfDialogue.Split split = HhRlhfDialogue.split(chosen, rejected);
            if (split == null) {
                throw new IllegalArgumentException(
                        "no \"prompt\" field, and \"chosen\"/\"rejected\" are not HH-RLHF"
                                + " dialogues (no \\n\\nAssistant: turn)");
            }
            item.put("prompt", split.prompt());
            item.put("chosen", split.chosen());
            item.put("rejected", split.rejected());
        }
        keep(node, item, KEPT_FOR_PAIRS);
    }

    private static void rating(JsonNode node, ObjectNode item) {
        item.put("prompt", text(node, "prompt"));
        item.put("response", text(node, "response"));
        JsonNode ratings = node.get("ratings");
        if (ratings == null || !ratings.isObject() || ratings.isEmpty()) {
            throw new IllegalArgumentException(
                    "\"ratings\" must be a non-empty object of objective -> number");
        }
        ObjectNode kept = item.putObject("ratings");
        ObjectNode scales = MAPPER.createObjectNode();
        JsonNode givenScales = node.path("scales");
        for (Map.Entry<String, JsonNode> rating : ratings.properties()) {
            if (rating.getValue().isNull()) {
                continue;
            }
            kept.set(rating.getKey(), rating.getValue());
            JsonNode scale = givenScales.get(rating.getKey());
            if (scale != null && !scale.isNull()) {
                scales.set(rating.getKey(), scale);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("every rating is null: nothing to import");
        }
        if (!scales.isEmpty()) {
            item.set("scales", scales);
        }
        keep(node, item, KEPT_FOR_RATINGS);
    }

    private static void keep(JsonNode node, ObjectNode item, List<String> fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull()) {
                item.set(field, value);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field \"" + field + "\"");
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    /**
     * A line's item, or why it has none.
     *
     * @param item the feedback item, or null
     * @param error the reason, or null
     */
    record Result(ObjectNode item, String error) {
        static Result error(String reason) {
            return new Result(null, reason);
        }
    }
}
