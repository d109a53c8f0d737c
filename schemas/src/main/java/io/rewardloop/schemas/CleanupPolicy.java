package io.rewardloop.schemas;

/** How Kafka retires old records of a topic: by age and size, or by keeping the newest per key. */
public enum CleanupPolicy {
    /** Records are deleted once they pass the retention time or size. */
    DELETE("delete"),
    /** Only the newest record per key survives (used for {@code rlhf.models}). */
    COMPACT("compact");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /**
     * The value of Kafka's {@code cleanup.policy} topic config.
     *
     * @return {@code delete} or {@code compact}
     */
    public String configValue() {
        return configValue;
    }
}
