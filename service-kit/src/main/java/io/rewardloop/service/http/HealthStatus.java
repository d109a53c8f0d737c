package io.rewardloop.service.http;

import java.util.Map;

/**
 * What {@code GET /health} reports: {@code 200} with {@code {"status":"UP",...}} when the service
 * can do its job, {@code 503} with {@code "DOWN"} otherwise.
 *
 * @param up whether the service can do its job now
 * @param detail what it is doing, or why it is not up
 * @param details more fields for the JSON body (e.g. {@code modelVersion})
 */
public record HealthStatus(boolean up, String detail, Map<String, String> details) {

    /** Copies the details. */
    public HealthStatus {
        details = Map.copyOf(details);
    }

    /**
     * A service that is up.
     *
     * @param detail what it is doing
     * @return the status
     */
    public static HealthStatus up(String detail) {
        return new HealthStatus(true, detail, Map.of());
    }

    /**
     * A service that is down.
     *
     * @param detail why
     * @return the status
     */
    public static HealthStatus down(String detail) {
        return new HealthStatus(false, detail, Map.of());
    }
}
