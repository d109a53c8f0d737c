package io.rewardloop.feedback;

import java.util.Objects;

/**
 * One thing wrong with a feedback item.
 *
 * @param pointer a JSON pointer (RFC 6901) to the bad field, relative to the item: {@code ""} is
 *     the item itself, {@code /chosen/text}, {@code /ratings/helpfulness}
 * @param message what is wrong, for people
 */
public record FieldError(String pointer, String message) {

    /** Checks both parts are present. */
    public FieldError {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The same error under a parent pointer (e.g. {@code /items/3}).
     *
     * @param parent the pointer of the item in its container
     * @return the error with {@code parent + pointer}
     */
    public FieldError under(String parent) {
        return new FieldError(parent + pointer, message);
    }
}
