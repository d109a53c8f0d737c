package io.rewardloop.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.PreferenceStrength;
import io.rewardloop.events.RatedResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** The rules of a pairwise preference item, and its canonical content. */
final class PreferenceCheck {

    static final Set<String> FIELDS =
            Set.of(
                    "kind",
                    "feedbackId",
                    "prompt",
                    "promptId",
                    "chosen",
                    "rejected",
                    "objective",
                    "strength",
                    "tie",
                    "annotatorId");

    private PreferenceCheck() {}

    static Validated check(
            ItemChecker in, FeedbackValidator validator, String source, Instant createdAt) {
        in.rejectUnknownFields(FIELDS);
        String feedbackId = in.optionalName("feedbackId", FeedbackValidator.MAX_ID_CHARS);
        String prompt = in.prompt("chosen", "rejected");
        String promptId = in.optionalName("promptId", FeedbackValidator.MAX_ID_CHARS);
        RatedResponse chosen = in.response("chosen");
        RatedResponse rejected = in.response("rejected");
        String objective = in.optionalName("objective", FeedbackValidator.MAX_ID_CHARS);
        if (objective != null) {
            validator.checkObjective(in, "/objective", objective);
        }
        PreferenceStrength strength = strength(in);
        boolean tie = tie(in);
        String annotatorId = in.requiredName("annotatorId", FeedbackValidator.MAX_ID_CHARS);
        if (chosen != null && rejected != null && same(chosen, rejected)) {
            in.error("/rejected", "is identical to /chosen: a preference needs two responses");
        }
        if (tie && strength != null) {
            in.error("/strength", "must be absent when tie is true");
        }
        if (!in.errors().isEmpty()) {
            return Validated.invalid(in.errors());
        }
        ObjectNode content = FeedbackJson.MAPPER.createObjectNode();
        content.put("kind", Kind.PREFERENCE.wireName());
        content.put("prompt", prompt);
        content.put("promptId", promptId);
        content.set("chosen", CanonicalForm.response(chosen));
        content.set("rejected", CanonicalForm.response(rejected));
        content.put("objective", objective);
        content.put("strength", strength == null ? null : strength.name());
        content.put("tie", tie);
        content.put("annotatorId", annotatorId);
        CanonicalForm form = CanonicalForm.of(content, feedbackId, annotatorId);
        PreferenceRecorded event =
                new PreferenceRecorded(
                        form.feedbackId(),
                        promptId,
                        prompt == null ? "" : prompt,
                        chosen,
                        rejected,
                        strength,
                        tie,
                        objective,
                        annotatorId,
                        source,
                        createdAt);
        return Validated.valid(
                new ValidFeedback.ValidPreference(event, form.contentHash(), form.json()));
    }

    private static boolean same(RatedResponse a, RatedResponse b) {
        boolean sameText = !a.getText().isEmpty() && a.getText().equals(b.getText());
        boolean sameId =
                a.getResponseId() != null && Objects.equals(a.getResponseId(), b.getResponseId());
        return sameText || sameId;
    }

    private static PreferenceStrength strength(ItemChecker in) {
        JsonNode node = in.item().get("strength");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            String name = node.textValue().toUpperCase(Locale.ROOT);
            for (PreferenceStrength strength : PreferenceStrength.values()) {
                if (strength.name().equals(name)) {
                    return strength;
                }
            }
        }
        in.error("/strength", "must be one of " + Arrays.toString(PreferenceStrength.values()));
        return null;
    }

    private static boolean tie(ItemChecker in) {
        JsonNode node = in.item().get("tie");
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            in.error("/tie", "must be true or false, not " + ItemChecker.describe(node));
            return false;
        }
        return node.booleanValue();
    }
}
