package io.rewardloop.common;

/**
 * The one runtime exception root of the project. Every module's unchecked failures extend it, so a
 * service can tell its own errors from a library's.
 */
public class RewardLoopException extends RuntimeException {

    /**
     * Creates an exception with a message that says what went wrong and, where it helps, what to
     * do.
     *
     * @param message the explanation
     */
    public RewardLoopException(String message) {
        super(message);
    }

    /**
     * Creates an exception that wraps its cause.
     *
     * @param message the explanation
     * @param cause what failed underneath
     */
    public RewardLoopException(String message, Throwable cause) {
        super(message, cause);
    }
}
