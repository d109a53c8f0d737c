package io.rewardloop.feedback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rewardloop.events.RatedResponse;

/**
 * The one rule that makes feedback idempotent, shared by both kinds: from an item's canonical
 * content (fields in a fixed order, defaults explicit, no {@code feedbackId}), its content hash,
 * its feedback id (the client's, else derived from annotator and content) and the canonical JSON
 * written to {@code rlhf.feedback} ({@code feedbackId} first, then the content).
 *
 * @param feedbackId the client's id, or the derived one
 * @param contentHash sha256 hex of the canonical content
 * @param json the canonical JSON with the feedback id
 */
record CanonicalForm(String feedbackId, String contentHash, String json) {

    /**
     * The canonical form of an item's content.
     *
     * @param content the canonical content, without {@code feedbackId}
     * @param givenId the client's feedback id, or null
     * @param annotatorId the annotator, part of a derived id
     * @return the form
     */
    static CanonicalForm of(ObjectNode content, String givenId, String annotatorId) {
        String canonicalContent = FeedbackJson.write(content);
        String id =
                givenId != null
                        ? givenId
                        : FeedbackJson.deriveFeedbackId(annotatorId, canonicalContent);
        // The id first, then the content as already written: the same text as writing the whole
        // again, for half the work (content always has fields, so it starts with '{' and more).
        String json =
                "{\"feedbackId\":"
                        + FeedbackJson.write(TextNode.valueOf(id))
                        + ","
                        + canonicalContent.substring(1);
        return new CanonicalForm(id, FeedbackJson.sha256Hex(canonicalContent), json);
    }

    /**
     * A response in canonical content: always both fields.
     *
     * @param response the response
     * @return {@code {"text", "responseId"}}
     */
    static ObjectNode response(RatedResponse response) {
        ObjectNode node = FeedbackJson.MAPPER.createObjectNode();
        node.put("text", response.getText());
        node.put("responseId", response.getResponseId());
        return node;
    }
}
