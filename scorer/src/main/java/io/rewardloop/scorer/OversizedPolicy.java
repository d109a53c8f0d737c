package io.rewardloop.scorer;

/** What the scorer does with a prompt or response longer than {@code scorer.text.max.chars}. */
public enum OversizedPolicy {
    /** Score it with the text cut by the backbone's truncation policy; the output says so. */
    TRUNCATE,
    /** Send it to the dead-letter topic with the reason. */
    REJECT
}
