package io.rewardloop.model.artifact;

import io.rewardloop.common.RewardLoopException;

/** An artifact could not be read: it is truncated, corrupted, foreign, or fails its checksum. */
public class ArtifactException extends RewardLoopException {

    /** Why an artifact was rejected. */
    public enum Reason {
        /** The bytes end before the lengths their preamble announces. */
        TRUNCATED,
        /** The bytes do not start with the artifact magic: not a reward-model artifact. */
        NOT_AN_ARTIFACT,
        /** Written by a newer format version than this reader knows. */
        UNSUPPORTED_VERSION,
        /** The embedded CRC-32 does not match: bytes were altered. */
        CORRUPTED,
        /** The SHA-256 of the bytes is not the one expected (from a record or a sidecar file). */
        CHECKSUM_MISMATCH,
        /** The header or tensors are inconsistent (a writer bug or a hand-edited file). */
        MALFORMED
    }

    /** Why the artifact was rejected. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the artifact was rejected
     * @param message what exactly is wrong
     */
    public ArtifactException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param reason why the artifact was rejected
     * @param message what exactly is wrong
     * @param cause the underlying failure
     */
    public ArtifactException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    /**
     * Returns why the artifact was rejected.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
