package io.rewardloop.common;

/** A configuration value is missing or invalid; the message names the key and the bad value. */
public class ConfigException extends RewardLoopException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the key
     */
    public ConfigException(String message) {
        super(message);
    }
}
