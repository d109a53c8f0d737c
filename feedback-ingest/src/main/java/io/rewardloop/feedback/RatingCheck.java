package io.rewardloop.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.events.ObjectiveRating;
import io.rewardloop.events.RatedResponse;
import io.rewardloop.events.RatingRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The rules of an absolute rating item, and its canonical content. */
final class RatingCheck {

    static final Set<String> FIELDS =
            Set.of(
                    "kind",
                    "feedbackId",
                    "prompt",
                    "promptId",
                    "response",
                    "ratings",
                    "scales",
                    "annotatorId");

    private RatingCheck() {}

    static Validated check(
            ItemChecker in, FeedbackValidator validator, String source, Instant createdAt) {
        in.rejectUnknownFields(FIELDS);
        String feedbackId = in.optionalName("feedbackId", FeedbackValidator.MAX_ID_CHARS);
        String prompt = in.prompt("response");
        String promptId = in.optionalName("promptId", FeedbackValidator.MAX_ID_CHARS);
        RatedResponse response = in.response("response");
        Map<String, double[]> scales = scales(in);
        List<ObjectiveRating> ratings = ratings(in, validator, scales);
        String annotatorId = in.requiredName("annotatorId", FeedbackValidator.MAX_ID_CHARS);
        if (!in.errors().isEmpty()) {
            return Validated.invalid(in.errors());
        }
        ObjectNode content = FeedbackJson.MAPPER.createObjectNode();
        content.put("kind", Kind.RATING.wireName());
        content.put("prompt", prompt);
        content.put("promptId", promptId);
        content.set("response", CanonicalForm.response(response));
        ObjectNode ratingsJson = content.putObject("ratings");
        ObjectNode scalesJson = content.putObject("scales");
        for (ObjectiveRating rating : ratings) {
            ratingsJson.put(rating.getObjective(), rating.getValue());
            scalesJson
                    .putArray(rating.getObjective())
                    .add(rating.getScaleMin())
                    .add(rating.getScaleMax());
        }
        content.put("annotatorId", annotatorId);
        CanonicalForm form = CanonicalForm.of(content, feedbackId, annotatorId);
        RatingRecorded event =
                new RatingRecorded(
                        form.feedbackId(),
                        promptId,
                        prompt == null ? "" : prompt,
                        response,
                        ratings,
                        annotatorId,
                        source,
                        createdAt);
        return Validated.valid(
                new ValidFeedback.ValidRating(event, form.contentHash(), form.json()));
    }

    /** The declared scales by objective; a bad one is reported and left out. */
    private static Map<String, double[]> scales(ItemChecker in) {
        Map<String, double[]> out = new TreeMap<>();
        JsonNode node = in.item().get("scales");
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            in.error("/scales", "must be an object {objective: [min, max]}");
            return out;
        }
        JsonNode ratings = in.item().get("ratings");
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String pointer = "/scales/" + FeedbackJson.pointerToken(field.getKey());
            JsonNode scale = field.getValue();
            if (!scale.isArray()
                    || scale.size() != 2
                    || !finite(scale.get(0))
                    || !finite(scale.get(1))) {
                in.error(pointer, "must be [min, max], two finite numbers");
            } else if (scale.get(0).doubleValue() >= scale.get(1).doubleValue()) {
                in.error(pointer, "min must be below max");
            } else if (ratings != null && ratings.isObject() && !ratings.has(field.getKey())) {
                in.error(pointer, "is the scale of an objective that has no rating");
            } else {
                out.put(
                        field.getKey(),
                        new double[] {scale.get(0).doubleValue(), scale.get(1).doubleValue()});
            }
        }
        return out;
    }

    private static List<ObjectiveRating> ratings(
            ItemChecker in, FeedbackValidator validator, Map<String, double[]> scales) {
        List<ObjectiveRating> out = new ArrayList<>();
        JsonNode node = in.item().get("ratings");
        if (node == null || node.isNull()) {
            in.error("/ratings", "is missing");
            return out;
        }
        if (!node.isObject() || node.isEmpty()) {
            in.error("/ratings", "must be a non-empty object {objective: value}");
            return out;
        }
        if (node.size() > FeedbackValidator.MAX_RATINGS_PER_ITEM) {
            in.error(
                    "/ratings",
                    "rates "
                            + node.size()
                            + " objectives, over the limit of "
                            + FeedbackValidator.MAX_RATINGS_PER_ITEM);
            return out;
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        boolean scalesOk = !in.item().has("scales") || in.item().get("scales").isObject();
        for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
            String objective = field.getKey();
            String pointer = "/ratings/" + FeedbackJson.pointerToken(objective);
            if (objective.isBlank() || objective.length() > FeedbackValidator.MAX_ID_CHARS) {
                in.error(pointer, "an objective name must be 1 to 200 characters, not blank");
                continue;
            }
            validator.checkObjective(in, pointer, objective);
            JsonNode value = field.getValue();
            if (!finite(value)) {
                in.error(pointer, "must be a finite number, not " + ItemChecker.describe(value));
                continue;
            }
            boolean declared =
                    scalesOk && in.item().has("scales") && in.item().get("scales").has(objective);
            double[] scale = scales.getOrDefault(objective, new double[] {0.0, 1.0});
            if (declared && !scales.containsKey(objective)) {
                continue; // its scale is wrong and already reported
            }
            double v = value.doubleValue();
            if (v < scale[0] || v > scale[1]) {
                in.error(
                        pointer,
                        v
                                + " is outside its scale ["
                                + scale[0]
                                + ", "
                                + scale[1]
                                + "]"
                                + (declared ? "" : " (no scale given: ratings default to [0, 1])"));
                continue;
            }
            out.add(new ObjectiveRating(objective, v, scale[0], scale[1]));
        }
        return out;
    }

    private static boolean finite(JsonNode node) {
        return node != null && node.isNumber() && Double.isFinite(node.doubleValue());
    }
}
