package io.rewardloop.feedback.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.feedback.Kind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which responses a feedback item names by id only, and how a response fills them in. Works on the
 * item's canonical JSON, where every response is an object {@code {"text", "responseId"}} and a
 * response named by id only has the text {@code ""}.
 *
 * <p>Rules: the response's prompt must be the item's (leading and trailing white space aside), else
 * {@value FeedbackTopology#CONFLICT}; the item's prompt id, when it has one, must be the
 * response's, else {@value FeedbackTopology#CONFLICT}; an item without a prompt id takes the first
 * response's, which the second response of a preference must then match.
 */
final class ItemCompletion {

    private static final List<String> PREFERENCE_SLOTS = List.of("chosen", "rejected");
    private static final List<String> RATING_SLOTS = List.of("response");

    private ItemCompletion() {}

    /** Whether an event lacks its prompt or names a response by id only (their text is empty). */
    static boolean isIncomplete(SpecificRecord event) {
        if (event instanceof PreferenceRecorded preference) {
            return preference.getPrompt().isEmpty()
                    || preference.getChosen().getText().isEmpty()
                    || preference.getRejected().getText().isEmpty();
        }
        return event instanceof RatingRecorded rating
                && (rating.getPrompt().isEmpty() || rating.getResponse().getText().isEmpty());
    }

    /**
     * The ids of the responses to look up, in item order: those the item names without their text;
     * when it has every text but no prompt, its first response (the validator lets the prompt out
     * only when every response has an id).
     */
    static Set<String> missingIds(JsonNode item) {
        Set<String> ids = new LinkedHashSet<>();
        for (String slot : slots(item)) {
            JsonNode response = item.path(slot);
            if (response.path("text").asText("").isEmpty() && response.hasNonNull("responseId")) {
                ids.add(response.get("responseId").textValue());
            }
        }
        if (ids.isEmpty() && !item.hasNonNull("prompt")) {
            ids.add(item.path(slots(item).get(0)).path("responseId").textValue());
        }
        return ids;
    }

    /**
     * Fills a response into the item: its text into every slot that names it, the prompt and the
     * prompt id when the item has none.
     *
     * @return the dead-letter reason when the response does not belong to the item's prompt
     */
    static Optional<String> fill(ObjectNode item, ResponseFacts response) {
        String id = response.responseId();
        JsonNode prompt = item.get("prompt");
        if (prompt == null || prompt.isNull()) {
            item.put("prompt", response.prompt());
        } else if (!prompt.asText().strip().equals(response.prompt().strip())) {
            return Optional.of(
                    FeedbackTopology.CONFLICT
                            + ": prompt of response "
                            + id
                            + " differs from the feedback's prompt");
        }
        JsonNode promptId = item.get("promptId");
        if (promptId == null || promptId.isNull()) {
            item.put("promptId", response.promptId());
        } else if (!promptId.asText().equals(response.promptId())) {
            return Optional.of(
                    FeedbackTopology.CONFLICT
                            + ": prompt id of response "
                            + id
                            + " is "
                            + response.promptId()
                            + ", not "
                            + promptId.asText());
        }
        for (String slot : slots(item)) {
            if (item.path(slot) instanceof ObjectNode named
                    && named.path("text").asText("").isEmpty()
                    && id.equals(named.path("responseId").asText(null))) {
                named.put("text", response.text());
            }
        }
        return Optional.empty();
    }

    private static List<String> slots(JsonNode item) {
        return Kind.PREFERENCE.wireName().equals(item.path("kind").asText())
                ? PREFERENCE_SLOTS
                : RATING_SLOTS;
    }
}
