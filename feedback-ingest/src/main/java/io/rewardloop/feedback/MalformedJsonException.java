package io.rewardloop.feedback;

import io.rewardloop.common.RewardLoopException;

/** A feedback body or record that is not UTF-8 JSON: invalid UTF-8, malformed or trailing JSON. */
public final class MalformedJsonException extends RewardLoopException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, for people (and dead-letter reason headers)
     */
    public MalformedJsonException(String message) {
        super(message);
    }
}
