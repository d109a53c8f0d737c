package io.rewardloop.schemas.registry;

/** The registry could not parse or accept the schema (HTTP 422, error code 42201). */
public class InvalidSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the registry and the request
     * @param httpStatus the HTTP status, or {@link #NO_RESPONSE}
     * @param errorCode Confluent's {@code error_code}, or {@link #NO_RESPONSE}
     * @param cause the underlying failure, or null
     */
    public InvalidSchemaException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}
