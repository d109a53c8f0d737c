package io.rewardloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.schemas.serde.DeadLetterInfo;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.schemas.serde.DecodeFailure;
import io.rewardloop.schemas.serde.EventDecodingException;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.schemas.testing.FakeSchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaCluster.class)
class PoisonRecordIT {

    private static final String TOPIC = Topics.RESPONSES.name();
    private static final String DLQ = Topics.RESPONSES.deadLetterTopic().orElseThrow();
    private static final byte[] KEY = "prompt-7".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldNameTopicPartitionAndOffsetOfGarbageAndDeadLetterItsOriginalBytes(
            KafkaCluster cluster) {
        byte[] garbage = "{\"prompt\": \"not avro\"}".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> poison = roundTripRaw(cluster, 2, garbage);
        RecordDecoder<ResponseGenerated> decoder =
                RecordDecoder.forValues(Topics.RESPONSES, EventSerdeConfig.embeddedMode());

        EventDecodingException error =
                catchThrowableOfType(EventDecodingException.class, () -> decoder.decode(poison));

        assertThat(error.reason()).isEqualTo(DecodeFailure.UNKNOWN_MAGIC_BYTE);
        assertThat(error.partition()).isEqualTo(2);
        assertThat(error.offset()).isEqualTo(poison.offset());
        assertThat(error.getMessage())
                .startsWith(TOPIC + "-2@" + poison.offset() + ": unknown magic byte 0x7b");
        ConsumerRecord<byte[], byte[]> dead = deadLetter(cluster, poison, error);
        assertThat(dead.key()).isEqualTo(KEY);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(DeadLetters.read(dead.headers()))
                .get()
                .extracting(
                        DeadLetterInfo::reason,
                        DeadLetterInfo::sourceTopic,
                        DeadLetterInfo::sourcePartition,
                        DeadLetterInfo::sourceOffset)
                .containsExactly("UNKNOWN_MAGIC_BYTE", TOPIC, 2, poison.offset());
    }

    @Test
    void shouldReportATruncatedRecordFromTheBrokerAsTruncated(KafkaCluster cluster) {
        try (FakeSchemaRegistryServer registry = FakeSchemaRegistryServer.start()) {
            Map<String, Object> config = EventSerdeConfig.registryMode(registry.url());
            byte[] whole =
                    Topics.RESPONSES
                            .valueSerde(config)
                            .serializer()
                            .serialize(TOPIC, SampleEvents.responseGenerated());
            ConsumerRecord<byte[], byte[]> truncated =
                    roundTripRaw(cluster, 1, Arrays.copyOf(whole, whole.length - 10));

            EventDecodingException error =
                    catchThrowableOfType(
                            EventDecodingException.class,
                            () ->
                                    RecordDecoder.forValues(Topics.RESPONSES, config)
                                            .decode(truncated));

            assertThat(error.reason()).isEqualTo(DecodeFailure.TRUNCATED);
            assertThat(error.getMessage())
                    .startsWith(TOPIC + "-1@" + truncated.offset() + ": truncated body");
        }
    }

    @Test
    void shouldCarryAFiveMegabyteModelRecordAndDeadLetterItCutToTheProducerLimit(
            KafkaCluster cluster) throws Exception {
        String models = Topics.MODELS.name();
        String modelsDlq = Topics.MODELS.deadLetterTopic().orElseThrow();
        byte[] garbage = new byte[5 * 1024 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        Map<TopicPartition, Long> mark = KafkaTestIo.mark(cluster, List.of(models));
        Map<String, Object> props =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        Topics.MODELS_MAX_MESSAGE_BYTES);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(models, KEY, garbage))
                    .get(KafkaTestIo.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        ConsumerRecord<byte[], byte[]> poison = KafkaTestIo.consumeRaw(cluster, mark, 1).get(0);
        assertThat(poison.value()).isEqualTo(garbage);
        EventDecodingException error =
                catchThrowableOfType(
                        EventDecodingException.class,
                        () ->
                                RecordDecoder.forValues(
                                                Topics.MODELS, EventSerdeConfig.embeddedMode())
                                        .decode(poison));

        // sent by a producer with the default max.request.size (1 MiB)
        Map<TopicPartition, Long> dlqMark = KafkaTestIo.mark(cluster, List.of(modelsDlq));
        KafkaTestIo.sendRaw(
                cluster,
                List.of(DeadLetters.toDeadLetter(poison, modelsDlq, error.reason().name(), error)));
        ConsumerRecord<byte[], byte[]> dead = KafkaTestIo.consumeRaw(cluster, dlqMark, 1).get(0);

        assertThat(dead.value().length).isBetween(1_000_000, DeadLetters.DEFAULT_MAX_BYTES);
        assertThat(dead.value()).isEqualTo(Arrays.copyOf(garbage, dead.value().length));
        assertThat(header(dead, DeadLetters.TRUNCATED)).isEqualTo("value");
        assertThat(header(dead, DeadLetters.ORIGINAL_VALUE_SIZE))
                .isEqualTo(String.valueOf(garbage.length));
        assertThat(DeadLetters.read(dead.headers()).orElseThrow().sourceTopic()).isEqualTo(models);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> roundTripRaw(
            KafkaCluster cluster, int partition, byte[] value) {
        Map<TopicPartition, Long> mark = KafkaTestIo.mark(cluster, List.of(TOPIC));
        RecordMetadata ack =
                KafkaTestIo.sendRaw(
                                cluster,
                                List.of(new ProducerRecord<>(TOPIC, partition, KEY, value)))
                        .get(0);
        ConsumerRecord<byte[], byte[]> record = KafkaTestIo.consumeRaw(cluster, mark, 1).get(0);
        assertThat(record.offset()).isEqualTo(ack.offset());
        return record;
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(
            KafkaCluster cluster, ConsumerRecord<byte[], byte[]> poison, EventDecodingException e) {
        Map<TopicPartition, Long> mark = KafkaTestIo.mark(cluster, List.of(DLQ));
        KafkaTestIo.sendRaw(
                cluster, List.of(DeadLetters.toDeadLetter(poison, DLQ, e.reason().name(), e)));
        return KafkaTestIo.consumeRaw(cluster, mark, 1).get(0);
    }
}
