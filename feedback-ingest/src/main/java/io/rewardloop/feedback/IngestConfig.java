package io.rewardloop.feedback;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.common.UnknownKeys;
import io.rewardloop.feedback.streams.CompletionSettings;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.KafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The feedback ingest's configuration: environment, then system properties, then defaults. Every
 * key is a constant below; unknown {@code feedback.*} keys stop start-up naming the closest known
 * one.
 *
 * @param kafka the cluster and client settings
 * @param http where the HTTP API listens and its bearer tokens (bound tokens included)
 * @param annotatorTokens bearer token to the only annotator id it may post as
 * @param maxBodyBytes largest HTTP body accepted; larger answers 413
 * @param maxBatchItems most items in one {@code {"items": [...]}} body
 * @param maxTextChars longest prompt or response text, in characters
 * @param objectives the objectives this deployment knows; empty accepts any
 * @param applicationId the Kafka Streams application id (and the dedup store's changelog prefix)
 * @param stateDir the Kafka Streams state directory; null for Streams' default
 * @param advertisedServer {@code host[:port]} where other instances reach this one's HTTP API
 *     (Streams' {@code application.server}); null: the bind address and the bound port
 * @param completion how feedback naming responses by id waits for them on {@code rlhf.responses}
 */
public record IngestConfig(
        KafkaSettings kafka,
        HttpSettings http,
        Map<String, String> annotatorTokens,
        long maxBodyBytes,
        int maxBatchItems,
        int maxTextChars,
        Set<String> objectives,
        String applicationId,
        String stateDir,
        String advertisedServer,
        CompletionSettings completion) {

    /** Prefix of the HTTP API's keys ({@code .port}, {@code .bind}, {@code .auth.tokens}). */
    public static final String HTTP_PREFIX = "feedback.http";

    /** Default HTTP port of the ingest. */
    public static final int DEFAULT_HTTP_PORT = 8090;

    /** {@code token=annotatorId,...}: tokens that may only post as their annotator. */
    public static final String AUTH_ANNOTATORS = HTTP_PREFIX + ".auth.annotators";

    /** A file of {@code token=annotatorId} lines, added to {@link #AUTH_ANNOTATORS}. */
    public static final String AUTH_ANNOTATORS_FILE = HTTP_PREFIX + ".auth.annotators.file";

    /** Largest HTTP body (default 4 MiB); larger is answered 413. */
    public static final String MAX_BODY_BYTES = HTTP_PREFIX + ".max.body.bytes";

    /** Most items in one batch body (default 500, at most 5000). */
    public static final String MAX_BATCH_ITEMS = HTTP_PREFIX + ".max.batch.items";

    /** Longest prompt or response text in characters (default 100000). */
    public static final String MAX_TEXT_CHARS = "feedback.max.text.chars";

    /** Comma-separated objectives the deployment knows; unset: any objective name. */
    public static final String OBJECTIVES = "feedback.objectives";

    /** Kafka Streams application id (default {@code rlhf-feedback-ingest}). */
    public static final String APPLICATION_ID = "feedback.application.id";

    /** Kafka Streams state directory (default: Streams' own). */
    public static final String STATE_DIR = "feedback.state.dir";

    /**
     * {@code host[:port]} where the other instances reach this one's HTTP API, for {@code GET
     * /v1/agreement} across instances (default: the bind address, or this host's name when it binds
     * every interface, and the HTTP port).
     */
    public static final String ADVERTISED_SERVER = HTTP_PREFIX + ".advertised.server";

    /**
     * How long feedback naming a response id waits for it on {@code rlhf.responses} before it is
     * dead-lettered (ISO-8601, default {@code PT10M}).
     */
    public static final String COMPLETION_WAIT = "feedback.completion.wait";

    /** How long responses are kept for feedback naming them (ISO-8601, default {@code P7D}). */
    public static final String COMPLETION_RETENTION = "feedback.completion.retention";

    /** Default largest body: 4 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

    /** Default most items per batch. */
    public static final int DEFAULT_MAX_BATCH_ITEMS = 500;

    /** Every key, for the start-up check that refuses unknown ones (typos). */
    public static final List<String> KEYS =
            List.of(
                    HTTP_PREFIX + ".port",
                    HTTP_PREFIX + ".bind",
                    HTTP_PREFIX + ".auth.tokens",
                    HTTP_PREFIX + ".auth.tokens.file",
                    AUTH_ANNOTATORS,
                    AUTH_ANNOTATORS_FILE,
                    MAX_BODY_BYTES,
                    MAX_BATCH_ITEMS,
                    MAX_TEXT_CHARS,
                    OBJECTIVES,
                    APPLICATION_ID,
                    STATE_DIR,
                    ADVERTISED_SERVER,
                    COMPLETION_WAIT,
                    COMPLETION_RETENTION);

    /** Validates and copies; messages name the key. */
    public IngestConfig {
        Objects.requireNonNull(kafka, KafkaSettings.BOOTSTRAP_SERVERS);
        Objects.requireNonNull(http, HTTP_PREFIX);
        Objects.requireNonNull(completion, COMPLETION_WAIT);
        annotatorTokens = Map.copyOf(annotatorTokens);
        objectives = Set.copyOf(objectives);
        if (maxBodyBytes < 1024 || maxBodyBytes > 64L * 1024 * 1024) {
            throw new ConfigException(
                    MAX_BODY_BYTES + " must be 1 KiB .. 64 MiB, got " + maxBodyBytes);
        }
        if (maxBatchItems < 1 || maxBatchItems > 5000) {
            throw new ConfigException(MAX_BATCH_ITEMS + " must be 1 .. 5000, got " + maxBatchItems);
        }
        if (maxTextChars < 1) {
            throw new ConfigException(MAX_TEXT_CHARS + " must be positive, got " + maxTextChars);
        }
        if (applicationId == null || applicationId.isBlank()) {
            throw new ConfigException(APPLICATION_ID + " must not be empty");
        }
        if (advertisedServer != null && !advertisedServer.matches("[^:\\s]+(:\\d{1,5})?")) {
            throw new ConfigException(
                    ADVERTISED_SERVER + " must be host or host:port, got " + advertisedServer);
        }
        for (String token : annotatorTokens.keySet()) {
            if (!http.tokens().contains(token)) {
                throw new ConfigException(
                        AUTH_ANNOTATORS + ": every bound token must also be an accepted token");
            }
        }
    }

    /**
     * Reads the configuration.
     *
     * @param source environment, then system properties, then defaults
     * @return the validated configuration
     * @throws ConfigException naming the key that is wrong
     */
    public static IngestConfig from(ConfigSource source) {
        UnknownKeys.require(source, "feedback.", KEYS);
        Map<String, String> bound = new LinkedHashMap<>();
        source.raw(AUTH_ANNOTATORS)
                .ifPresent(v -> parseBindings(AUTH_ANNOTATORS, List.of(v.split(",")), bound));
        source.raw(AUTH_ANNOTATORS_FILE)
                .ifPresent(file -> parseBindings(AUTH_ANNOTATORS_FILE, readLines(file), bound));
        HttpSettings http = HttpSettings.from(source, HTTP_PREFIX, DEFAULT_HTTP_PORT);
        if (!bound.isEmpty()) {
            // A bound token is an accepted token: configuring only bindings turns auth on.
            Set<String> tokens = new LinkedHashSet<>(http.tokens());
            tokens.addAll(bound.keySet());
            try {
                http = new HttpSettings(http.bind(), http.port(), new ArrayList<>(tokens));
            } catch (ConfigException e) {
                throw new ConfigException(AUTH_ANNOTATORS + ": " + e.getMessage());
            }
        }
        Set<String> objectives = new LinkedHashSet<>();
        source.raw(OBJECTIVES)
                .ifPresent(
                        list -> {
                            for (String name : list.split(",")) {
                                if (!name.isBlank()) {
                                    objectives.add(name.trim());
                                }
                            }
                        });
        return new IngestConfig(
                KafkaSettings.from(source, "localhost:9092"),
                http,
                bound,
                source.bytes(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES),
                source.integer(MAX_BATCH_ITEMS, DEFAULT_MAX_BATCH_ITEMS),
                source.integer(MAX_TEXT_CHARS, FeedbackValidator.DEFAULT_MAX_TEXT_CHARS),
                objectives,
                source.string(APPLICATION_ID, "rlhf-feedback-ingest"),
                source.raw(STATE_DIR).orElse(null),
                source.raw(ADVERTISED_SERVER).orElse(null),
                CompletionSettings.from(source));
    }

    /**
     * Defaults for tests and the embedded stack: loopback, any port, no auth.
     *
     * @param kafka the cluster
     * @return the configuration
     */
    public static IngestConfig defaults(KafkaSettings kafka) {
        return new IngestConfig(
                kafka,
                HttpSettings.loopbackAnyPort(),
                Map.of(),
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_BATCH_ITEMS,
                FeedbackValidator.DEFAULT_MAX_TEXT_CHARS,
                Set.of(),
                "rlhf-feedback-ingest",
                null,
                null,
                CompletionSettings.DEFAULTS);
    }

    /**
     * A copy whose Kafka Streams applications use another application id and state directory (tests
     * and several instances on one host).
     *
     * @param id the application id
     * @param dir the state directory
     * @return the copy
     */
    public IngestConfig withStreams(String id, String dir) {
        return new IngestConfig(
                kafka,
                http,
                annotatorTokens,
                maxBodyBytes,
                maxBatchItems,
                maxTextChars,
                objectives,
                id,
                dir,
                advertisedServer,
                completion);
    }

    /**
     * The validator these settings describe.
     *
     * @return a validator with the text limit and objectives
     */
    public FeedbackValidator validator() {
        return new FeedbackValidator(maxTextChars, objectives);
    }

    /** Tokens are never printed. */
    @Override
    public String toString() {
        return "IngestConfig[kafka="
                + kafka
                + ", http="
                + http
                + ", boundTokens="
                + annotatorTokens.size()
                + ", maxBodyBytes="
                + maxBodyBytes
                + ", maxBatchItems="
                + maxBatchItems
                + ", maxTextChars="
                + maxTextChars
                + ", objectives="
                + objectives
                + ", applicationId="
                + applicationId
                + ", stateDir="
                + stateDir
                + ", advertisedServer="
                + advertisedServer
                + ", completion="
                + completion
                + "]";
    }

    private static void parseBindings(String key, List<String> entries, Map<String, String> out) {
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                throw new ConfigException(key + ": each entry must be token=annotatorId");
            }
            String token = trimmed.substring(0, eq).trim();
            String annotator = trimmed.substring(eq + 1).trim();
            if (out.containsKey(token) && !out.get(token).equals(annotator)) {
                throw new ConfigException(key + ": a token is bound to two annotators");
            }
            out.put(token, annotator);
        }
    }

    private static List<String> readLines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            throw new ConfigException(
                    AUTH_ANNOTATORS_FILE + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}
