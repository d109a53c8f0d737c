package io.rewardloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.schemas.serde.AvroEventSerde;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import io.rewardloop.schemas.testing.FakeSchemaRegistryServer;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaCluster.class)
class RegistrySerdeIT {

    private static FakeSchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = FakeSchemaRegistryServer.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldCarryEveryEventTypeThroughTheBrokerInConfluentWireFormat(KafkaCluster cluster) {
        Map<String, Object> config = EventSerdeConfig.registryMode(registry.url());

        List<ConsumerRecord<byte[], byte[]>> records =
                EveryEventRoundTrip.produceEverySample(cluster, config);

        assertThat(records).allSatisfy(r -> assertThat(r.value()[0]).isEqualTo((byte) 0));
        EveryEventRoundTrip.assertEverySampleReceived(EveryEventRoundTrip.decode(records, config));
        assertThat(registry.subjects())
                .contains(
                        "rlhf.responses-value",
                        "rlhf.rewards-value",
                        "rlhf.preferences-value",
                        "rlhf.ratings-value",
                        "rlhf.models-value",
                        "rlhf.control-value");
    }

    @Test
    void shouldDecodeWithAnAvroEventSerdeThatKafkaCreatesFromItsClassName(KafkaCluster cluster) {
        Map<String, Object> config = EventSerdeConfig.registryMode(registry.url());
        Map<TopicPartition, Long> mark =
                KafkaTestIo.mark(cluster, List.of(Topics.MODELS.name(), Topics.CONTROL.name()));
        KafkaTestIo.send(cluster, Topics.MODELS, config, "lineage", SampleEvents.modelPublished());
        KafkaTestIo.send(cluster, Topics.CONTROL, config, "lineage", SampleEvents.driftDetected());

        List<ConsumerRecord<byte[], SpecificRecord>> records =
                KafkaTestIo.consumeConfiguredByKafka(
                        cluster,
                        mark,
                        2,
                        Map.of(
                                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                                ByteArrayDeserializer.class,
                                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                                AvroEventSerde.class,
                                EventSerdeConfig.SCHEMA_REGISTRY_URL,
                                registry.url()));

        assertThat(records)
                .extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder(
                        SampleEvents.modelPublished(), SampleEvents.driftDetected());
    }
}
