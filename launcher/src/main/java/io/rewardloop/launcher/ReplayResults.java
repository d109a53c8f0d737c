package io.rewardloop.launcher;

import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the running scorer made of the responses {@code rlhf replay} sent: the committed rewards on
 * {@code rlhf.rewards} and the responses it refused on {@code rlhf.responses.dlq}, read from the
 * end both topics had when this reader was opened, before anything was sent.
 */
final class ReplayResults implements AutoCloseable {

    /**
     * The scorer's answer for one response: its reward, or why it was refused.
     *
     * @param responseId the response
     * @param reward the reward, or null when refused
     * @param refusal the dead-letter reason, or null when scored
     */
    record Outcome(String responseId, RewardScored reward, String refusal) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<RewardScored> rewards;
    private final Deserializer<ResponseGenerated> responses;

    ReplayResults(KafkaSettings kafka) {
        this.consumer =
                new KafkaConsumer<>(
                        kafka.committedReaderConfig("rlhf-replay"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
        this.rewards = Topics.REWARDS.valueSerde(kafka.serdeConfig()).deserializer();
        this.responses = Topics.RESPONSES.valueSerde(kafka.serdeConfig()).deserializer();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.REWARDS.name(), Topics.RESPONSES_DLQ.name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the first response is sent.
        partitions.forEach(consumer::position);
    }

    /**
     * Reads what arrived.
     *
     * @param wait how long to wait when nothing has
     * @return the outcomes read, of any response (the caller keeps its own)
     */
    List<Outcome> poll(Duration wait) {
        List<Outcome> outcomes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
            Outcome outcome =
                    record.topic().equals(Topics.REWARDS.name()) ? scored(record) : refused(record);
            if (outcome != null) {
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    private Outcome scored(ConsumerRecord<byte[], byte[]> record) {
        RewardScored reward = rewards.deserialize(record.topic(), record.headers(), record.value());
        return new Outcome(reward.getResponseId(), reward, null);
    }

    private Outcome refused(ConsumerRecord<byte[], byte[]> record) {
        ResponseGenerated response;
        try {
            response = responses.deserialize(Topics.RESPONSES.name(), record.value());
        } catch (RuntimeException e) {
            return null; // not one of ours: ours are valid records
        }
        if (response == null) {
            return null;
        }
        Header reason = record.headers().lastHeader(DeadLetters.REASON);
        return new Outcome(
                response.getResponseId(),
                null,
                reason == null
                        ? "refused by the scorer"
                        : new String(reason.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
