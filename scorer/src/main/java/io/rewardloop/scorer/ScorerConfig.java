package io.rewardloop.scorer;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.model.scoring.BackboneCatalog;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the scorer reads from its environment, validated at start-up.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl Schema Registry URL, or {@code embedded}
 * @param groupId consumer group shared by all scorer instances
 * @param instanceId stable id of this instance; its transactional id, so a restarted instance
 *     fences its crashed predecessor at once
 * @param modelLineage which model lineage (key on {@code rlhf.models}) to follow
 * @param maxBatchTokens estimated tokens gathered into one batch (one transaction) before scoring
 * @param backboneBatchTokens padded tokens of one backbone forward pass
 * @param maxBatchWait how long to wait for more records before scoring a partial batch
 * @param maxPollRecords bound on records in flight per poll (and per transaction)
 * @param maxTextChars longer prompts or responses are oversized
 * @param oversizedPolicy what to do with oversized text
 * @param transactionTimeout Kafka transaction timeout
 * @param httpPort port of the health and metrics endpoint; 0 picks a free one, -1 disables it
 */
public record ScorerConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String groupId,
        String instanceId,
        String modelLineage,
        int maxBatchTokens,
        int backboneBatchTokens,
        Duration maxBatchWait,
        int maxPollRecords,
        int maxTextChars,
        OversizedPolicy oversizedPolicy,
        Duration transactionTimeout,
        int httpPort) {

    /** Kafka bootstrap servers. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    /** Schema Registry URL, or {@code embedded} for the single-machine default. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    /** Consumer group of the scorer instances. */
    public static final String GROUP_ID = "scorer.group.id";

    /** Stable id of this instance (its transactional id). */
    public static final String INSTANCE_ID = "scorer.instance.id";

    /** Model lineage to follow on rlhf.models. */
    public static final String MODEL_LINEAGE = "scorer.model.lineage";

    /** Estimated tokens gathered into one batch (and one transaction) before it is scored. */
    public static final String MAX_BATCH_TOKENS = "scorer.batch.max.tokens";

    /** Padded tokens of one backbone forward pass. */
    public static final String BACKBONE_BATCH_TOKENS = "scorer.backbone.batch.tokens";

    /** Longest wait for more records before scoring a partial batch. */
    public static final String MAX_BATCH_WAIT = "scorer.batch.max.wait";

    /** Records in flight per poll and per transaction. */
    public static final String MAX_POLL_RECORDS = "scorer.max.poll.records";

    /** Prompt or response length, in characters, above which text is oversized. */
    public static final String MAX_TEXT_CHARS = "scorer.text.max.chars";

    /** TRUNCATE or REJECT oversized text. */
    public static final String OVERSIZED_POLICY = "scorer.oversized.policy";

    /** Kafka transaction timeout. */
    public static final String TRANSACTION_TIMEOUT = "scorer.transaction.timeout";

    /** Port of the health and metrics endpoint (0 = any free port, -1 = off). */
    public static final String HTTP_PORT = "scorer.http.port";

    /** Validates every value; the message names the offending key. */
    public ScorerConfig {
        requireText(bootstrapServers, BOOTSTRAP_SERVERS);
        requireText(schemaRegistryUrl, SCHEMA_REGISTRY_URL);
        requireText(groupId, GROUP_ID);
        requireText(instanceId, INSTANCE_ID);
        requireText(modelLineage, MODEL_LINEAGE);
        requirePositive(maxBatchTokens, MAX_BATCH_TOKENS);
        requirePositive(backboneBatchTokens, BACKBONE_BATCH_TOKENS);
        requirePositive(maxPollRecords, MAX_POLL_RECORDS);
        requirePositive(maxTextChars, MAX_TEXT_CHARS);
        Objects.requireNonNull(oversizedPolicy, OVERSIZED_POLICY);
        if (maxBatchWait.isNegative()) {
            throw new ConfigException(MAX_BATCH_WAIT + " must not be negative");
        }
        if (transactionTimeout.toMillis() < 1000) {
            throw new ConfigException(TRANSACTION_TIMEOUT + " must be at least 1 s");
        }
        if (httpPort < -1 || httpPort > 65535) {
            throw new ConfigException(HTTP_PORT + " must be -1 (off), 0 (any) or a port");
        }
    }

    /**
     * Reads the configuration: environment, then system properties, then defaults.
     *
     * @param source where to read
     * @return the validated configuration
     */
    public static ScorerConfig from(ConfigSource source) {
        String policy = source.string(OVERSIZED_POLICY, "TRUNCATE").toUpperCase(Locale.ROOT);
        OversizedPolicy oversized;
        try {
            oversized = OversizedPolicy.valueOf(policy);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    OVERSIZED_POLICY + " must be TRUNCATE or REJECT, got '" + policy + "'");
        }
        return new ScorerConfig(
                source.string(BOOTSTRAP_SERVERS, "localhost:9092"),
                source.string(SCHEMA_REGISTRY_URL, "embedded"),
                source.string(GROUP_ID, "rlhf-scorer"),
                source.string(INSTANCE_ID, defaultInstanceId()),
                source.string(MODEL_LINEAGE, "default"),
                source.integer(MAX_BATCH_TOKENS, 8192),
                source.integer(BACKBONE_BATCH_TOKENS, BackboneCatalog.DEFAULT_BATCH_TOKENS),
                source.duration(MAX_BATCH_WAIT, Duration.ofMillis(20)),
                source.integer(MAX_POLL_RECORDS, 256),
                source.integer(MAX_TEXT_CHARS, 32_768),
                oversized,
                source.duration(TRANSACTION_TIMEOUT, Duration.ofSeconds(30)),
                source.integer(HTTP_PORT, 8080));
    }

    private static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        return "scorer-" + (host == null || host.isBlank() ? "0" : host);
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + " must not be empty");
        }
    }

    private static void requirePositive(int value, String key) {
        if (value <= 0) {
            throw new ConfigException(key + " must be positive, got " + value);
        }
    }
}
