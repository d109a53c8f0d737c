package io.rewardloop.scorer;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.common.UnknownKeys;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.scorer.http.HttpScoringSettings;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything the scorer reads from its environment, validated at start-up.
 *
 * @param kafka how every Kafka client of the scorer connects (bootstrap servers, registry, security
 *     properties passed through to every client)
 * @param groupId consumer group shared by all scorer instances
 * @param instanceId id of this instance, the base of its transactional id; an explicit id is
 *     stable, so a restarted instance fences its crashed predecessor at once; the default is unique
 *     per process (host name and pid)
 * @param modelLineage which model lineage (key on {@code rlhf.models}) to follow
 * @param maxBatchTokens estimated tokens gathered into one batch (one transaction) before scoring
 * @param backboneBatchTokens padded tokens of one backbone forward pass
 * @param maxBatchWait how long to wait for more records before scoring a partial batch
 * @param maxPollRecords bound on records in flight per poll (and per transaction)
 * @param maxTextChars longer prompts or responses are oversized
 * @param oversizedPolicy what to do with oversized text
 * @param transactionTimeout Kafka transaction timeout
 * @param http the health and metrics endpoint: bind address, port (0 picks a free one, -1 turns it
 *     off), bearer tokens
 * @param httpScoring scoring over that endpoint: queue, batching, limits, recording
 * @param loop retry backoff of the scoring loop, and its test-only fault injection
 */
public record ScorerConfig(
        KafkaSettings kafka,
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
        HttpSettings http,
        HttpScoringSettings httpScoring,
        LoopSettings loop) {

    /** Kafka bootstrap servers. */
    public static final String BOOTSTRAP_SERVERS = KafkaSettings.BOOTSTRAP_SERVERS;

    /** Schema Registry URL, or {@code embedded} for the single-machine default. */
    public static final String SCHEMA_REGISTRY_URL = KafkaSettings.SCHEMA_REGISTRY_URL;

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

    /** Prefix of the HTTP endpoint's keys ({@code .port}, {@code .bind}, {@code .auth.tokens}). */
    public static final String HTTP_PREFIX = "scorer.http";

    /** Port of the health and metrics endpoint (0 = any free port, -1 = off). */
    public static final String HTTP_PORT = HTTP_PREFIX + ".port";

    /** Address the health and metrics endpoint listens on (default 0.0.0.0). */
    public static final String HTTP_BIND = HTTP_PREFIX + ".bind";

    /** Bearer tokens (comma-separated) required on every path but /health; unset: no auth. */
    public static final String HTTP_AUTH_TOKENS = HTTP_PREFIX + ".auth.tokens";

    /** A file of bearer tokens, one a line, added to {@link #HTTP_AUTH_TOKENS}. */
    public static final String HTTP_AUTH_TOKENS_FILE = HTTP_PREFIX + ".auth.tokens.file";

    /** Every scorer key, for the start-up check that refuses unknown ones (typos). */
    public static final List<String> KEYS =
            Stream.concat(
                            Stream.of(
                                    GROUP_ID,
                                    INSTANCE_ID,
                                    MODEL_LINEAGE,
                                    MAX_BATCH_TOKENS,
                                    BACKBONE_BATCH_TOKENS,
                                    MAX_BATCH_WAIT,
                                    MAX_POLL_RECORDS,
                                    MAX_TEXT_CHARS,
                                    OVERSIZED_POLICY,
                                    TRANSACTION_TIMEOUT,
                                    HTTP_PORT,
                                    HTTP_BIND,
                                    HTTP_AUTH_TOKENS,
                                    HTTP_AUTH_TOKENS_FILE),
                            Stream.concat(
                                    HttpScoringSettings.KEYS.stream(), LoopSettings.KEYS.stream()))
                    .toList();

    /** Validates every value; the message names the offending key. */
    public ScorerConfig {
        Objects.requireNonNull(kafka, BOOTSTRAP_SERVERS);
        Objects.requireNonNull(http, HTTP_PORT);
        Objects.requireNonNull(httpScoring, HttpScoringSettings.QUEUE_ITEMS);
        Objects.requireNonNull(loop, LoopSettings.RETRY_BACKOFF_MAX);
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
    }

    /**
     * Reads the configuration: environment, then system properties, then defaults.
     *
     * @param source where to read
     * @return the validated configuration
     */
    public static ScorerConfig from(ConfigSource source) {
        UnknownKeys.require(source, "scorer.", KEYS);
        String policy = source.string(OVERSIZED_POLICY, "TRUNCATE").toUpperCase(Locale.ROOT);
        OversizedPolicy oversized;
        try {
            oversized = OversizedPolicy.valueOf(policy);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    OVERSIZED_POLICY + " must be TRUNCATE or REJECT, got '" + policy + "'");
        }
        return new ScorerConfig(
                KafkaSettings.from(source, "localhost:9092"),
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
                HttpSettings.from(source, HTTP_PREFIX, 8080),
                HttpScoringSettings.from(source),
                LoopSettings.from(source));
    }

    /**
     * Kafka bootstrap servers.
     *
     * @return {@code host:port,...}
     */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * The Schema Registry URL(s), or {@code embedded}.
     *
     * @return the URL setting
     */
    public String schemaRegistryUrl() {
        return String.valueOf(kafka.serdeConfig().get(SCHEMA_REGISTRY_URL));
    }

    /**
     * The health and metrics port.
     *
     * @return the port; 0 any free one, -1 off
     */
    public int httpPort() {
        return http.port();
    }

    private static String defaultInstanceId() {
        return defaultInstanceId(
                System.getenv("HOSTNAME"),
                ProcessHandle.current().pid(),
                java.util.UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * The default instance id, which no two live processes share: {@code scorer-<HOSTNAME>-<pid>}
     * (stable across restarts of a container whose scorer is pid 1, so a restart fences its crashed
     * predecessor at once), or {@code scorer-<pid>-<random>} without a host name (two containers
     * would both be pid 1).
     */
    static String defaultInstanceId(String hostname, long pid, String random) {
        return hostname == null || hostname.isBlank()
                ? "scorer-" + pid + "-" + random
                : "scorer-" + hostname.trim() + "-" + pid;
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
