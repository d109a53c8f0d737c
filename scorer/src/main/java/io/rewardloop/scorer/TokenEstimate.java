package io.rewardloop.scorer;

/**
 * The scorer's cheap token estimate for batch budgets, before any tokenizer runs: about four bytes
 * (or characters of mostly-Latin text) a token, at least one. Both the Kafka loop and the HTTP path
 * budget their batches with it.
 */
public final class TokenEstimate {

    private static final int BYTES_PER_TOKEN = 4;

    private TokenEstimate() {}

    /**
     * Tokens in a span of text or an encoded record.
     *
     * @param size its bytes or characters
     * @return the estimate, at least 1
     */
    public static long of(long size) {
        return Math.max(1, size / BYTES_PER_TOKEN);
    }
}
