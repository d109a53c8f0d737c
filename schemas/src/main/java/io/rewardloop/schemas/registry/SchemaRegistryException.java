package io.rewardloop.schemas.registry;

import io.rewardloop.common.RewardLoopException;

/**
 * The Schema Registry refused a request or could not be reached. Subclasses name the common cases;
 * {@link #httpStatus()} and {@link #errorCode()} carry what the registry said.
 */
public class SchemaRegistryException extends RewardLoopException {

    private static final long serialVersionUID = 1L;

    /** Status and error code used when no HTTP response was received. */
    public static final int NO_RESPONSE = -1;

    private final int httpStatus;
    private final int errorCode;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the registry and the request
     * @param httpStatus the HTTP status, or {@link #NO_RESPONSE}
     * @param errorCode Confluent's {@code error_code}, e.g. 40401, or {@link #NO_RESPONSE}
     * @param cause the underlying failure, or null
     */
    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /**
     * The HTTP status of the registry's answer.
     *
     * @return the status, or {@link #NO_RESPONSE} when none came
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Confluent's error code from the response body ({@code error_code}).
     *
     * @return the code, e.g. 40403, or {@link #NO_RESPONSE} when no response came
     */
    public int errorCode() {
        return errorCode;
    }
}
