package io.rewardloop.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.common.RewardLoopException;

/**
 * One change as it is stored: JSON key and value in Confluent's {@code _schemas} layout ({@code
 * {"keytype":"SCHEMA","subject":...,"version":...,"magic":1}} with the version as the value, {@code
 * {"keytype":"CONFIG","subject":...,"magic":0}} with {@code {"compatibilityLevel":...}}; a null
 * value removes a subject's level). The key names what compaction keeps the last value of.
 *
 * @param key the JSON key
 * @param value the JSON value, or null
 */
record JournalRecord(String key, String value) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "SCHEMA";
    private static final String CONFIG = "CONFIG";

    /**
     * A version, new or soft-deleted.
     *
     * @param version the version
     * @return its record
     */
    static JournalRecord of(SchemaVersion version) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", SCHEMA).put("subject", version.subject());
        key.put("version", version.version()).put("magic", 1);
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", version.subject()).put("version", version.version());
        value.put("id", version.id()).put("schemaType", "AVRO");
        value.put("schema", version.schema()).put("deleted", version.deleted());
        return new JournalRecord(key.toString(), value.toString());
    }

    /**
     * A compatibility level.
     *
     * @param subject the subject, or null for the global level
     * @param level the level, or null to remove the subject's own level
     * @return its record
     */
    static JournalRecord of(String subject, CompatibilityLevel level) {
        ObjectNode key = JSON.createObjectNode().put("keytype", CONFIG);
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        key.put("magic", 0);
        String value =
                level == null
                        ? null
                        : JSON.createObjectNode()
                                .put("compatibilityLevel", level.name())
                                .toString();
        return new JournalRecord(key.toString(), value);
    }

    /**
     * Applies this record to a state; records of other kinds (Confluent's NOOP, ...) are skipped.
     *
     * @param state the state to change
     */
    void applyTo(RegistryState state) {
        JsonNode keyNode = parse(key);
        String subject = keyNode.path("subject").isNull() ? null : keyNode.path("subject").asText();
        switch (keyNode.path("keytype").asText()) {
            case SCHEMA -> {
                if (value != null) {
                    JsonNode v = parse(value);
                    state.putVersion(
                            new SchemaVersion(
                                    subject,
                                    v.path("version").asInt(),
                                    v.path("id").asInt(),
                                    v.path("schema").asText(),
                                    v.path("deleted").asBoolean(false)));
                }
            }
            case CONFIG ->
                    state.putLevel(
                            subject,
                            value == null
                                    ? null
                                    : CompatibilityLevel.parse(
                                            parse(value).path("compatibilityLevel").asText()));
            default -> {
                // Not ours to interpret.
            }
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RewardLoopException("unreadable schema-store record: " + text, e);
        }
    }
}
