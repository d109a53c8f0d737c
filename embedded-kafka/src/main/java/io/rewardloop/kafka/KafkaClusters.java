package io.rewardloop.kafka;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way tests get a Kafka cluster: Testcontainers' Kafka container where a Docker engine
 * answers, the {@link EmbeddedKafkaBroker} otherwise. Either can be forced with the system property
 * {@value #MODE_KEY} (or the environment variable {@code RLHF_TEST_KAFKA}): {@code embedded},
 * {@code testcontainers} or {@code auto} (the default).
 */
public final class KafkaClusters {

    /** The configuration key that forces the kind of cluster. */
    public static final String MODE_KEY = "rlhf.test.kafka";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusters.class);
    private static final String DOCKER_PROBE_CLASS = "org.testcontainers.DockerClientFactory";

    /** The kinds of cluster {@link #startForTests()} can start. */
    enum Mode {
        AUTO,
        EMBEDDED,
        TESTCONTAINERS;

        static Mode parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        "Configuration key '"
                                + MODE_KEY
                                + "' (env "
                                + ConfigSource.environmentName(MODE_KEY)
                                + ") must be auto, embedded or testcontainers, got '"
                                + text
                                + "'");
            }
        }
    }

    private KafkaClusters() {}

    /**
     * Starts a cluster for a test, as {@value #MODE_KEY} says; the caller closes it.
     *
     * @return a running cluster
     */
    public static KafkaCluster startForTests() {
        Mode mode = Mode.parse(ConfigSource.fromSystem().string(MODE_KEY, "auto"));
        return switch (resolve(mode, mode != Mode.EMBEDDED && dockerAvailable())) {
            case TESTCONTAINERS -> TestcontainersKafka.start();
            default -> EmbeddedKafkaBroker.start();
        };
    }

    /**
     * The kind that will actually start.
     *
     * @param requested what the configuration asks for
     * @param docker whether a Docker engine answers
     * @return {@link Mode#EMBEDDED} or {@link Mode#TESTCONTAINERS}
     */
    static Mode resolve(Mode requested, boolean docker) {
        if (requested == Mode.TESTCONTAINERS && !docker) {
            throw new ConfigException(
                    MODE_KEY
                            + "=testcontainers, but no Docker engine answers (or Testcontainers"
                            + " is not on the class path)");
        }
        if (requested == Mode.AUTO) {
            Mode chosen = docker ? Mode.TESTCONTAINERS : Mode.EMBEDDED;
            LOG.info("Kafka for tests: {} (Docker available: {})", chosen, docker);
            return chosen;
        }
        return requested;
    }

    /**
     * Whether Testcontainers is on the class path and finds a Docker engine. Testcontainers is an
     * optional dependency, so its classes are touched only after checking they exist.
     */
    static boolean dockerAvailable() {
        try {
            Class.forName(DOCKER_PROBE_CLASS, false, KafkaClusters.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        try {
            return TestcontainersKafka.dockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Docker probe failed", e);
            return false;
        }
    }
}
