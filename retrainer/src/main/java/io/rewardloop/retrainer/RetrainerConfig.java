package io.rewardloop.retrainer;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.common.UnknownKeys;
import io.rewardloop.retrainer.drift.DriftSettings;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.KafkaSettings;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything the retrainer reads from its environment, validated at start-up.
 *
 * @param kafka how every Kafka client connects
 * @param lineage the model lineage it trains (key on {@code rlhf.models} and {@code rlhf.control})
 * @param groupId the consumer group of the retrainer instances: the one holding {@code
 *     rlhf.control}'s single partition is the leader, the others stand by
 * @param instanceId this instance, for logs and client ids
 * @param http the HTTP endpoint (health, metrics, {@code POST /v1/retrain}, progress)
 * @param round how a round runs and is judged
 * @param triggers when a round is requested without a user
 * @param training the robust-training options (preference strength, noisy labels, MetaRM)
 * @param drift how the drift watch tests live windows
 * @param embedFeed how the responses and fresh labels are embedded for the feature detectors
 * @param driftReferenceSize responses a new version scores first, taken as its drift reference
 */
public record RetrainerConfig(
        KafkaSettings kafka,
        String lineage,
        String groupId,
        String instanceId,
        HttpSettings http,
        RoundSettings round,
        TriggerSettings triggers,
        TrainingOptions training,
        DriftSettings drift,
        EmbeddingFeedSettings embedFeed,
        int driftReferenceSize) {

    /** The lineage trained. */
    public static final String LINEAGE = "retrainer.model.lineage";

    /** Consumer group of the retrainer instances. */
    public static final String GROUP_ID = "retrainer.group.id";

    /** Id of this instance. */
    public static final String INSTANCE_ID = "retrainer.instance.id";

    /** Prefix of the HTTP keys ({@code .port}, {@code .bind}, {@code .auth.tokens}, ...). */
    public static final String HTTP_PREFIX = "retrainer.http";

    /** Responses a new version scores first, taken as its drift reference. */
    public static final String DRIFT_REFERENCE_SIZE = "retrainer.drift.reference.size";

    /** The default HTTP port. */
    public static final int DEFAULT_HTTP_PORT = 8092;

    /** Every retrainer key, for the start-up check that refuses unknown ones. */
    public static final List<String> KEYS =
            Stream.of(
                            List.of(
                                    LINEAGE,
                                    GROUP_ID,
                                    INSTANCE_ID,
                                    HTTP_PREFIX + ".port",
                                    HTTP_PREFIX + ".bind",
                                    HTTP_PREFIX + ".auth.tokens",
                                    HTTP_PREFIX + ".auth.tokens.file",
                                    DRIFT_REFERENCE_SIZE),
                            RoundSettings.KEYS,
                            TriggerSettings.KEYS,
                            TrainingOptions.KEYS,
                            DriftSettings.KEYS,
                            EmbeddingFeedSettings.KEYS)
                    .flatMap(List::stream)
                    .toList();

    /** Validates. */
    public RetrainerConfig {
        Objects.requireNonNull(kafka, KafkaSettings.BOOTSTRAP_SERVERS);
        Objects.requireNonNull(http, HTTP_PREFIX);
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(triggers, "triggers");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(embedFeed, "embedFeed");
        if (driftReferenceSize < 4) {
            throw new ConfigException(DRIFT_REFERENCE_SIZE + " must be at least 4");
        }
        for (String[] value :
                new String[][] {
                    {lineage, LINEAGE}, {groupId, GROUP_ID}, {instanceId, INSTANCE_ID}
                }) {
            if (value[0] == null || value[0].isBlank()) {
                throw new ConfigException(value[1] + " must not be blank");
            }
        }
        if (!instanceId.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException(
                    INSTANCE_ID
                            + " may hold only ASCII letters, digits, '.', '_' and '-' (it is the"
                            + " consumer group's static member id), got '"
                            + instanceId
                            + "'");
        }
    }

    /**
     * Reads the configuration: environment, then system properties, then defaults.
     *
     * @param source where to read
     * @return the validated configuration
     */
    public static RetrainerConfig from(ConfigSource source) {
        UnknownKeys.require(source, "retrainer.", KEYS);
        return new RetrainerConfig(
                KafkaSettings.from(source, "localhost:9092"),
                source.string(LINEAGE, "default"),
                source.string(GROUP_ID, "rlhf-retrainer"),
                source.string(INSTANCE_ID, defaultInstanceId()),
                HttpSettings.from(source, HTTP_PREFIX, DEFAULT_HTTP_PORT),
                RoundSettings.from(source),
                TriggerSettings.from(source),
                TrainingOptions.from(source),
                DriftSettings.from(source),
                EmbeddingFeedSettings.from(source),
                source.integer(DRIFT_REFERENCE_SIZE, 2 * DriftSettings.from(source).windowSize()));
    }

    /**
     * This process's default id: {@code retrainer-<host>-<pid>}, with characters Kafka refuses in a
     * member id replaced.
     *
     * @return the id
     */
    static String defaultInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "host";
        }
        return ("retrainer-" + host + "-" + ProcessHandle.current().pid())
                .replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
