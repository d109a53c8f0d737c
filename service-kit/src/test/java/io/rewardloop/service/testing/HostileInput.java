package io.rewardloop.service.testing;

/**
 * One malformed input.
 *
 * @param kind what is wrong with it, e.g. {@code length-bomb}; the summary groups by it
 * @param bytes the record value or request body
 * @param contentType the {@code Content-Type} to send it with over HTTP; null to send none
 */
public record HostileInput(String kind, byte[] bytes, String contentType) {

    /** The content type every endpoint of the loop takes. */
    public static final String JSON = "application/json";

    /**
     * An input sent as JSON.
     *
     * @param kind what is wrong with it
     * @param bytes the value or body
     * @return the input
     */
    public static HostileInput json(String kind, byte[] bytes) {
        return new HostileInput(kind, bytes, JSON);
    }
}
