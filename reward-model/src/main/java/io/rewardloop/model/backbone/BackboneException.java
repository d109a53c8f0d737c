package io.rewardloop.model.backbone;

import io.rewardloop.common.RewardLoopException;

/** A backbone failed at run time: bad input, a model that does not match, a failed forward pass. */
public class BackboneException extends RewardLoopException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public BackboneException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public BackboneException(String message, Throwable cause) {
        super(message, cause);
    }
}
