package io.rewardloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.schemas.SampleEvents.Sample;
import io.rewardloop.schemas.serde.RecordDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Sends one sample of every event type through the broker and decodes what comes back. */
final class EveryEventRoundTrip {

    /** What a test compares: where a record was, its key and its decoded value. */
    record Received(String topic, String key, Object value) {}

    private EveryEventRoundTrip() {}

    /** Produces every sample with the topics' serdes and returns the raw records consumed back. */
    static List<ConsumerRecord<byte[], byte[]>> produceEverySample(
            KafkaCluster cluster, Map<String, ?> serdeConfig) {
        List<Sample<?>> samples = SampleEvents.all();
        List<String> topics = samples.stream().map(s -> s.topic().name()).distinct().toList();
        Map<TopicPartition, Long> mark = KafkaTestIo.mark(cluster, topics);
        samples.forEach(sample -> send(cluster, sample, serdeConfig));
        return KafkaTestIo.consumeRaw(cluster, mark, samples.size());
    }

    /** Decodes raw records the way services do: bytes in, one {@link RecordDecoder} per topic. */
    static List<Received> decode(
            List<ConsumerRecord<byte[], byte[]>> records, Map<String, ?> serdeConfig) {
        return records.stream()
                .map(
                        r ->
                                new Received(
                                        r.topic(),
                                        new String(r.key(), StandardCharsets.UTF_8),
                                        decoder(r.topic(), serdeConfig).decode(r)))
                .toList();
    }

    static void assertEverySampleReceived(List<Received> received) {
        List<Received> expected =
                SampleEvents.all().stream()
                        .map(s -> new Received(s.topic().name(), s.key(), s.value()))
                        .toList();
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static RecordDecoder<?> decoder(String topic, Map<String, ?> serdeConfig) {
        return RecordDecoder.forValues(Topics.byName(topic).orElseThrow(), serdeConfig);
    }

    private static <V extends SpecificRecord> void send(
            KafkaCluster cluster, Sample<V> sample, Map<String, ?> serdeConfig) {
        KafkaTestIo.send(cluster, sample.topic(), serdeConfig, sample.key(), sample.value());
    }
}
