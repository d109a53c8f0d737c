package io.rewardloop.scorer.http;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.time.Duration;
import java.util.List;

/**
 * How the scorer scores over HTTP ({@code POST /get_reward}, {@code POST /v1/score}).
 *
 * @param queueItems pairs waiting for a forward pass, at most; a request that does not fit gets 429
 * @param batchTokens estimated tokens of one HTTP forward pass
 * @param batchWait how long the first waiting pair waits for others to join its forward pass
 * @param batching true: pairs of concurrent requests share forward passes; false: one request a
 *     forward pass (OpenRLHF's own reward server; the benchmark's baseline)
 * @param maxPairs pairs in one request, at most (else 413)
 * @param maxBodyBytes request body size, at most (else 413)
 * @param record also write each scored pair to rlhf.responses and rlhf.rewards
 */
public record HttpScoringSettings(
        int queueItems,
        int batchTokens,
        Duration batchWait,
        boolean batching,
        int maxPairs,
        long maxBodyBytes,
        boolean record) {

    /** Pairs waiting for a forward pass, at most. */
    public static final String QUEUE_ITEMS = "scorer.http.queue.items";

    /** Estimated tokens of one HTTP forward pass. */
    public static final String BATCH_TOKENS = "scorer.http.batch.tokens";

    /** Longest wait of a pair for others to join its forward pass. */
    public static final String BATCH_WAIT = "scorer.http.batch.wait";

    /** Whether concurrent requests share forward passes. */
    public static final String BATCHING = "scorer.http.batching";

    /** Pairs in one request, at most. */
    public static final String MAX_PAIRS = "scorer.http.max.pairs";

    /** Request body bytes, at most. */
    public static final String MAX_BODY_BYTES = "scorer.http.max.body.bytes";

    /** Whether HTTP-scored pairs are written to rlhf.responses and rlhf.rewards. */
    public static final String RECORD = "scorer.http.record";

    /** Every key, for the start-up check of unknown keys. */
    public static final List<String> KEYS =
            List.of(
                    QUEUE_ITEMS,
                    BATCH_TOKENS,
                    BATCH_WAIT,
                    BATCHING,
                    MAX_PAIRS,
                    MAX_BODY_BYTES,
                    RECORD);

    /** Validates; the message names the key. */
    public HttpScoringSettings {
        if (queueItems <= 0) {
            throw new ConfigException(QUEUE_ITEMS + " must be positive, got " + queueItems);
        }
        if (batchTokens <= 0) {
            throw new ConfigException(BATCH_TOKENS + " must be positive, got " + batchTokens);
        }
        if (batchWait.isNegative()) {
            throw new ConfigException(BATCH_WAIT + " must not be negative");
        }
        if (maxPairs <= 0 || maxPairs > queueItems) {
            throw new ConfigException(
                    MAX_PAIRS
                            + " must be between 1 and "
                            + QUEUE_ITEMS
                            + " ("
                            + queueItems
                            + "), got "
                            + maxPairs);
        }
        if (maxBodyBytes < 1024) {
            throw new ConfigException(MAX_BODY_BYTES + " must be at least 1 KiB");
        }
    }

    /**
     * Reads the settings.
     *
     * @param source environment, then system properties, then defaults
     * @return the validated settings
     */
    public static HttpScoringSettings from(ConfigSource source) {
        return new HttpScoringSettings(
                source.integer(QUEUE_ITEMS, 4096),
                source.integer(BATCH_TOKENS, 65536),
                source.duration(BATCH_WAIT, Duration.ofMillis(5)),
                source.bool(BATCHING, true),
                source.integer(MAX_PAIRS, 1024),
                source.bytes(MAX_BODY_BYTES, 16L * 1024 * 1024),
                source.bool(RECORD, false));
    }
}
