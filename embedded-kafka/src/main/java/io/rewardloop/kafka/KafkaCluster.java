package io.rewardloop.kafka;

/**
 * A running Kafka cluster that clients can reach. Closing it stops whatever this process started
 * and removes what it wrote.
 */
public interface KafkaCluster extends AutoCloseable {

    /**
     * The address clients connect to.
     *
     * @return a {@code bootstrap.servers} value, e.g. {@code 127.0.0.1:9092}
     */
    String bootstrapServers();

    /** Stops the cluster and releases its resources; calling it again does nothing. */
    @Override
    void close();
}
