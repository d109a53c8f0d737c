package io.rewardloop.channel;

import io.rewardloop.common.RewardLoopException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic from its beginning up to the end offsets it had when the read began. */
final class TopicCatchUp {

    private TopicCatchUp() {}

    /**
     * Assigns every partition of the topic, reads each from the beginning to its end offset, and
     * hands every record to the sink. The consumer stays assigned, positioned at the end offsets.
     */
    static void readToEnd(
            Consumer<byte[], byte[]> consumer,
            String topic,
            Duration timeout,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic, timeout).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .collect(Collectors.toList());
        if (partitions.isEmpty()) {
            throw new RewardLoopException(
                    "topic "
                            + topic
                            + " does not exist: create the topics first (rlhf topics"
                            + " --bootstrap-servers ...)");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        while (!reached(consumer, end, timeout)) {
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
            for (TopicPartition partition : polled.partitions()) {
                long last = end.get(partition);
                for (ConsumerRecord<byte[], byte[]> record : polled.records(partition)) {
                    if (record.offset() >= last) {
                        // Past the catch-up: rewind so that live following sees it.
                        consumer.seek(partition, record.offset());
                        break;
                    }
                    sink.accept(record);
                }
            }
        }
    }

    private static boolean reached(
            Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, Duration timeout) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
