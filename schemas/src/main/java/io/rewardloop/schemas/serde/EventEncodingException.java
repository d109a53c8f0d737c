package io.rewardloop.schemas.serde;

import io.rewardloop.common.RewardLoopException;

/** An event could not be encoded, e.g. a required field is null; the message names the topic. */
public class EventEncodingException extends RewardLoopException {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /**
     * Creates the exception.
     *
     * @param topic the topic the event was meant for
     * @param detail what is wrong
     * @param cause the underlying failure, or null
     */
    public EventEncodingException(String topic, String detail, Throwable cause) {
        super(topic + ": " + detail, cause);
        this.topic = topic;
    }

    /**
     * The topic the event was meant for.
     *
     * @return the topic name
     */
    public String topic() {
        return topic;
    }
}
