package io.rewardloop.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Turns the registry's error answers ({@code {"error_code": ..., "message": ...}}) into types. */
final class RegistryErrors {

    static final int SUBJECT_NOT_FOUND = 40401;
    static final int SCHEMA_NOT_FOUND = 40403;
    static final int INVALID_SCHEMA = 42201;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private RegistryErrors() {}

    static SchemaRegistryException fromResponse(String where, int status, String body) {
        int code = status;
        String detail = body == null ? "" : body;
        try {
            JsonNode node = JSON.readTree(detail);
            if (node != null && node.has("error_code")) {
                code = node.get("error_code").asInt(status);
                detail = node.path("message").asText("");
            }
        } catch (IOException notJson) {
            // A proxy's HTML error page: keep the start of it as the detail.
        }
        if (detail.length() > MAX_BODY_IN_MESSAGE) {
            detail = detail.substring(0, MAX_BODY_IN_MESSAGE) + "...";
        }
        String message =
                "Schema Registry "
                        + where
                        + " -> HTTP "
                        + status
                        + " (error "
                        + code
                        + "): "
                        + detail;
        if (code == SUBJECT_NOT_FOUND) {
            return new SubjectNotFoundException(message, status, code, null);
        }
        if (code == SCHEMA_NOT_FOUND) {
            return new SchemaNotFoundException(message, status, code, null);
        }
        if (status == 409) {
            return new IncompatibleSchemaException(message, status, code, null);
        }
        if (status == 422 || code == INVALID_SCHEMA) {
            return new InvalidSchemaException(message, status, code, null);
        }
        if (status >= 500) {
            return new SchemaRegistryUnavailableException(message, status, code, null);
        }
        if (status == 401 || status == 403) {
            // Refused credentials say nothing about the record being read: retry, never
            // dead-letter.
            return new SchemaRegistryUnavailableException(
                    message + " (check " + RegistrySecurity.BASIC_AUTH_USER_INFO + ")",
                    status,
                    code,
                    null);
        }
        return new SchemaRegistryException(message, status, code, null);
    }

    static SchemaRegistryUnavailableException unreachable(String where, Exception cause) {
        return new SchemaRegistryUnavailableException(
                "Schema Registry " + where + " is unreachable: " + cause,
                SchemaRegistryException.NO_RESPONSE,
                SchemaRegistryException.NO_RESPONSE,
                cause);
    }
}
