package io.rewardloop.status;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.common.UnknownKeys;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.KafkaSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the status page reads from its environment, validated at start-up.
 *
 * @param kafka how its consumer connects
 * @param http where the page is served
 * @param lineage the model lineage shown (models table, drift, rounds)
 * @param feedbackUrl the feedback ingest's base URL, for annotator agreement; empty: not shown
 * @param feedbackToken the bearer token the ingest wants, if any
 * @param bucketWidth the width of one time bucket of the plots
 * @param bucketCount how many buckets are kept (older ones scroll off)
 */
public record StatusConfig(
        KafkaSettings kafka,
        HttpSettings http,
        String lineage,
        Optional<URI> feedbackUrl,
        Optional<String> feedbackToken,
        Duration bucketWidth,
        int bucketCount) {

    /** Prefix of the HTTP keys ({@code .port}, {@code .bind}, {@code .auth.tokens}, ...). */
    public static final String HTTP_PREFIX = "status.http";

    /** The lineage shown. */
    public static final String LINEAGE = "status.model.lineage";

    /** The feedback ingest's base URL, e.g. {@code http://127.0.0.1:8090}. */
    public static final String FEEDBACK_URL = "status.feedback.url";

    /** The bearer token sent to the feedback ingest. */
    public static final String FEEDBACK_TOKEN = "status.feedback.auth.token";

    /** Width of a time bucket (ISO-8601 duration or milliseconds). */
    public static final String BUCKET_WIDTH = "status.bucket.width";

    /** Buckets kept. */
    public static final String BUCKET_COUNT = "status.bucket.count";

    /** The default HTTP port. */
    public static final int DEFAULT_HTTP_PORT = 8070;

    /** Every key, for the start-up check that refuses unknown ones. */
    public static final List<String> KEYS =
            List.of(
                    HTTP_PREFIX + ".port",
                    HTTP_PREFIX + ".bind",
                    HTTP_PREFIX + ".auth.tokens",
                    HTTP_PREFIX + ".auth.tokens.file",
                    LINEAGE,
                    FEEDBACK_URL,
                    FEEDBACK_TOKEN,
                    BUCKET_WIDTH,
                    BUCKET_COUNT);

    /** Validates. */
    public StatusConfig {
        Objects.requireNonNull(kafka, KafkaSettings.BOOTSTRAP_SERVERS);
        Objects.requireNonNull(http, HTTP_PREFIX);
        Objects.requireNonNull(feedbackUrl, FEEDBACK_URL);
        Objects.requireNonNull(feedbackToken, FEEDBACK_TOKEN);
        if (lineage == null || lineage.isBlank()) {
            throw new ConfigException(LINEAGE + " must not be blank");
        }
        if (bucketWidth == null || bucketWidth.toMillis() < 1000) {
            throw new ConfigException(BUCKET_WIDTH + " must be at least 1 second");
        }
        if (bucketCount < 2 || bucketCount > 10_000) {
            throw new ConfigException(BUCKET_COUNT + " must be between 2 and 10000");
        }
    }

    /**
     * Defaults for a cluster: 1-minute buckets, the last 3 hours, lineage {@code default}, no
     * agreement.
     *
     * @param kafka the cluster
     * @param http where to serve
     * @return the configuration
     */
    public static StatusConfig defaults(KafkaSettings kafka, HttpSettings http) {
        return new StatusConfig(
                kafka,
                http,
                "default",
                Optional.empty(),
                Optional.empty(),
                Duration.ofMinutes(1),
                180);
    }

    /**
     * Reads the configuration: environment, then system properties, then defaults.
     *
     * @param source where to read
     * @return the validated configuration
     */
    public static StatusConfig from(ConfigSource source) {
        UnknownKeys.require(source, "status.", KEYS);
        return new StatusConfig(
                KafkaSettings.from(source, "localhost:9092"),
                HttpSettings.from(source, HTTP_PREFIX, DEFAULT_HTTP_PORT),
                source.string(LINEAGE, "default"),
                source.raw(FEEDBACK_URL).map(StatusConfig::feedbackUri),
                source.raw(FEEDBACK_TOKEN),
                source.duration(BUCKET_WIDTH, Duration.ofMinutes(1)),
                source.integer(BUCKET_COUNT, 180));
    }

    /**
     * A copy that asks this feedback ingest for agreement.
     *
     * @param url the ingest's base URL
     * @return the copy
     */
    public StatusConfig withFeedbackUrl(URI url) {
        return new StatusConfig(
                kafka, http, lineage, Optional.of(url), feedbackToken, bucketWidth, bucketCount);
    }

    /** The token is never printed. */
    @Override
    public String toString() {
        return "StatusConfig[kafka="
                + kafka
                + ", http="
                + http
                + ", lineage="
                + lineage
                + ", feedbackUrl="
                + feedbackUrl.orElse(null)
                + ", feedbackToken="
                + (feedbackToken.isPresent() ? "[hidden]" : "none")
                + ", bucketWidth="
                + bucketWidth
                + ", bucketCount="
                + bucketCount
                + "]";
    }

    private static URI feedbackUri(String value) {
        try {
            URI uri = new URI(value.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new ConfigException(
                        FEEDBACK_URL + " must be an http(s) URL such as http://127.0.0.1:8090");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(FEEDBACK_URL + " is not a URL: " + e.getMessage());
        }
    }
}
