package io.rewardloop.scorer.http;

/** A scoring request refused as a whole before any forward pass: 429 or 503. */
public final class RefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;

    /** The {@code reason} tag of the rejection metric. */
    private final String reason;

    private RefusedException(int status, String reason, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    /**
     * The queue has no room for the request's pairs.
     *
     * @param pairs pairs in the request
     * @param capacity the queue's size
     * @return 429
     */
    static RefusedException queueFull(int pairs, int capacity) {
        return new RefusedException(
                429,
                "queue_full",
                "the scoring queue ("
                        + capacity
                        + " pairs, "
                        + HttpScoringSettings.QUEUE_ITEMS
                        + ") has no room for "
                        + pairs
                        + " more pairs now: retry after the Retry-After seconds");
    }

    /**
     * Nothing can be scored now.
     *
     * @param detail why
     * @return 503
     */
    static RefusedException unavailable(String detail) {
        return new RefusedException(503, "unavailable", detail);
    }

    /**
     * The HTTP status.
     *
     * @return 429 or 503
     */
    public int status() {
        return status;
    }

    /**
     * The rejection metric's reason.
     *
     * @return {@code queue_full} or {@code unavailable}
     */
    public String reason() {
        return reason;
    }
}
