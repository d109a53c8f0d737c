package io.rewardloop.registry;

import io.rewardloop.common.RewardLoopException;

/**
 * A refusal the REST API answers as Confluent does: an HTTP status and the body {@code
 * {"error_code": ..., "message": ...}}.
 */
public final class RegistryError extends RewardLoopException {

    private static final long serialVersionUID = 1L;

    /** Subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;

    /** Version not found. */
    public static final int VERSION_NOT_FOUND = 40402;

    /** Schema not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;

    /** A permanent delete of something not soft-deleted first. */
    public static final int NOT_SOFT_DELETED = 40407;

    /** The subject has no compatibility level of its own. */
    public static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;

    /** The schema is incompatible with the subject's earlier versions. */
    public static final int INCOMPATIBLE_SCHEMA = 409;

    /** Invalid (or unsupported) schema. */
    public static final int INVALID_SCHEMA = 42201;

    /** Invalid version. */
    public static final int INVALID_VERSION = 42202;

    /** Invalid compatibility level. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

    /** The storage topic could not be written or read in time. */
    public static final int STORE_ERROR = 50001;

    private final int status;
    private final int errorCode;

    /**
     * Creates a refusal.
     *
     * @param status the HTTP status, e.g. 404
     * @param errorCode Confluent's error code, e.g. {@link #SUBJECT_NOT_FOUND}
     * @param message what went wrong, for the caller
     */
    public RegistryError(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /**
     * The HTTP status.
     *
     * @return e.g. 404
     */
    public int status() {
        return status;
    }

    /**
     * Confluent's error code.
     *
     * @return e.g. 40401
     */
    public int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(String subject, int version) {
        return new RegistryError(
                404,
                VERSION_NOT_FOUND,
                "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryError schemaNotFound(String what) {
        return new RegistryError(404, SCHEMA_NOT_FOUND, "Schema " + what + " not found.");
    }

    static RegistryError invalidSchema(String detail) {
        return new RegistryError(422, INVALID_SCHEMA, "Invalid schema: " + detail);
    }

    static RegistryError levelNotConfigured(String subject) {
        return new RegistryError(
                404,
                SUBJECT_LEVEL_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }
}
