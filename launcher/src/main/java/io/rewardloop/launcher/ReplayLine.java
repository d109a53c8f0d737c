package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.events.ChatMessage;
import io.rewardloop.events.ResponseGenerated;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code rlhf replay}'s input: a JSON object with {@code prompt} and {@code response}
 * (strings, required) and optionally {@code responseId}, {@code promptId}, {@code policyVersion},
 * {@code rlhfRound}, {@code messages} ([{role, content}]) and {@code metadata} (string values), as
 * in {@code ResponseGenerated}. A missing response id is {@code <run>-<line>}; a missing prompt id
 * is derived from the prompt, so the responses of one prompt share a partition.
 *
 * @param event the response to publish, or null when the line is invalid
 * @param error why the line is invalid, or null
 */
record ReplayLine(ResponseGenerated event, String error) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a line falls back to for the fields it leaves out. */
    record Defaults(String runId, String policyVersion, long rlhfRound) {}

    /**
     * Parses one line.
     *
     * @param line the text, not blank
     * @param lineNumber its 1-based number in the file
     * @param defaults the values for fields the line leaves out
     * @return the event, or the error
     */
    static ReplayLine parse(String line, long lineNumber, Defaults defaults) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (Exception e) {
            return invalid("invalid JSON");
        }
        if (node == null || !node.isObject()) {
            return invalid("expected a JSON object");
        }
        for (String field : List.of("prompt", "response")) {
            if (!node.path(field).isTextual()) {
                return invalid("/" + field + ": missing, or not a string");
            }
        }
        for (String field : List.of("responseId", "promptId", "policyVersion")) {
            if (node.has(field) && !node.get(field).isTextual()) {
                return invalid("/" + field + ": not a string");
            }
        }
        if (node.has("rlhfRound") && !node.get("rlhfRound").canConvertToLong()) {
            return invalid("/rlhfRound: not an integer");
        }
        String prompt = node.get("prompt").asText();
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode message : node.path("messages")) {
            if (!message.path("role").isTextual() || !message.path("content").isTextual()) {
                return invalid("/messages: each needs string role and content");
            }
            messages.add(
                    new ChatMessage(message.get("role").asText(), message.get("content").asText()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        var fields = node.path("metadata").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                return invalid("/metadata/" + field.getKey() + ": not a string");
            }
            metadata.put(field.getKey(), field.getValue().asText());
        }
        ResponseGenerated event =
                ResponseGenerated.newBuilder()
                        .setResponseId(
                                node.path("responseId").asText(defaults.runId() + "-" + lineNumber))
                        .setPromptId(node.path("promptId").asText(promptId(prompt)))
                        .setPrompt(prompt)
                        .setMessages(messages)
                        .setResponse(node.get("response").asText())
                        .setPolicyVersion(
                                node.path("policyVersion").asText(defaults.policyVersion()))
                        .setRlhfRound(node.path("rlhfRound").asLong(defaults.rlhfRound()))
                        .setCreatedAt(Instant.now())
                        .setMetadata(metadata)
                        .build();
        return new ReplayLine(event, null);
    }

    private static ReplayLine invalid(String error) {
        return new ReplayLine(null, error);
    }

    private static String promptId(String prompt) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(prompt.getBytes(StandardCharsets.UTF_8));
            return "p-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
