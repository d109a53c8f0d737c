package io.rewardloop.channel;

import io.rewardloop.service.KafkaSettings;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka client settings for {@code rlhf.models}: records up to {@link #MAX_RECORD_BYTES}, the
 * topic's {@code max.message.bytes}, on top of {@link KafkaSettings} (security passthrough).
 */
public final class ChannelClients {

    /** The largest record on {@code rlhf.models}: the topic's {@code max.message.bytes}. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private ChannelClients() {}

    /**
     * A read_committed consumer's settings, no group (followers assign partitions).
     *
     * @param kafka the cluster
     * @param clientId the client id
     * @return a mutable map
     */
    public static Map<String, Object> consumer(KafkaSettings kafka, String clientId) {
        Map<String, Object> props = kafka.clientConfig();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * MAX_RECORD_BYTES);
        return props;
    }

    /**
     * A publisher's settings: every write acknowledged by all in-sync replicas, idempotent.
     *
     * @param kafka the cluster
     * @param clientId the client id
     * @return a mutable map
     */
    public static Map<String, Object> producer(KafkaSettings kafka, String clientId) {
        Map<String, Object> props = kafka.clientConfig();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * MAX_RECORD_BYTES);
        return props;
    }
}
