package io.rewardloop.launcher;

import io.rewardloop.kafka.KafkaCluster;

/**
 * A cluster that something else runs: {@code rlhf} only connects to it, so closing it stops
 * nothing.
 *
 * @param bootstrapServers the cluster's address
 */
record ExternalCluster(String bootstrapServers) implements KafkaCluster {

    @Override
    public void close() {
        // Not ours to stop.
    }
}
