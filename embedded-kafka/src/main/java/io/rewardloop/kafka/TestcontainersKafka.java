package io.rewardloop.kafka;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A {@link KafkaCluster} in Testcontainers' Kafka container (the {@code apache/kafka} image, KRaft
 * mode). This class names Testcontainers types, so it is loaded only after {@link KafkaClusters}
 * found them on the class path.
 */
final class TestcontainersKafka implements KafkaCluster {

    /** The image; same Kafka release as the client and broker jars. */
    static final String IMAGE = "apache/kafka:4.3.1";

    private final KafkaContainer container;

    private TestcontainersKafka(KafkaContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static TestcontainersKafka start() {
        KafkaContainer container =
                new KafkaContainer(System.getProperty("rlhf.test.kafka.image", IMAGE))
                        // as the embedded broker: topics are created on purpose, never by a typo
                        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return new TestcontainersKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
