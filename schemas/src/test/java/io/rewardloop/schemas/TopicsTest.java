package io.rewardloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.serde.AvroEventSerde;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicsTest {

    @ParameterizedTest
    @CsvSource({
        "rlhf.responses, 6, DELETE, rlhf.responses.dlq",
        "rlhf.rewards, 6, DELETE, rlhf.rewards.dlq",
        "rlhf.preferences, 3, DELETE, rlhf.preferences.dlq",
        "rlhf.ratings, 3, DELETE, rlhf.ratings.dlq",
        "rlhf.models, 1, COMPACT, rlhf.models.dlq",
        "rlhf.control, 1, DELETE, rlhf.control.dlq",
        "rlhf.feedback, 3, DELETE, rlhf.feedback.dlq"
    })
    void shouldDefineEventTopicsWithTheirPartitionsPolicyAndDeadLetterTopic(
            String name, int partitions, CleanupPolicy policy, String dlq) {
        Topic<?, ?> topic = Topics.byName(name).orElseThrow();

        assertThat(topic.partitions()).isEqualTo(partitions);
        assertThat(topic.cleanupPolicy()).isEqualTo(policy);
        assertThat(topic.keyType()).isEqualTo(String.class);
        assertThat(topic.deadLetterTopic()).contains(dlq);
    }

    @Test
    void shouldKeepOriginalBytesInSinglePartitionDeadLetterTopics() {
        List<Topic<?, ?>> dlqs =
                Topics.all().stream().filter(t -> t.name().endsWith(".dlq")).toList();

        assertThat(dlqs).hasSize(7);
        assertThat(dlqs)
                .allSatisfy(
                        dlq -> {
                            assertThat(dlq.keyType()).isEqualTo(byte[].class);
                            assertThat(dlq.valueType()).isEqualTo(byte[].class);
                            assertThat(dlq.partitions()).isEqualTo(1);
                            assertThat(dlq.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
                            assertThat(dlq.deadLetterTopic()).isEmpty();
                        });
    }

    @Test
    void shouldListEveryTopicOnceIncludingEveryDeadLetterTopic() {
        List<String> names = Topics.all().stream().map(Topic::name).toList();

        assertThat(names).hasSize(14).doesNotHaveDuplicates();
        Topics.all().stream()
                .flatMap(t -> t.deadLetterTopic().stream())
                .forEach(dlq -> assertThat(names).contains(dlq));
    }

    @Test
    void shouldFindNoTopicForAnUnknownName() {
        assertThat(Topics.byName("rlhf.nope")).isEmpty();
        assertThat(Topics.byName("rlhf.models")).containsSame(Topics.MODELS);
    }

    @Test
    void shouldHandOutANewUnconfiguredSerdeOnEveryCall() {
        Serde<ResponseGenerated> first = Topics.RESPONSES.valueSerde();
        Serde<ResponseGenerated> second = Topics.RESPONSES.valueSerde();

        assertThat(first).isNotSameAs(second).isInstanceOf(AvroEventSerde.class);
        assertThatThrownBy(
                        () ->
                                first.serializer()
                                        .serialize(
                                                "rlhf.responses", SampleEvents.responseGenerated()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EventSerdeConfig.SCHEMA_REGISTRY_URL);
    }

    @Test
    void shouldConfigureKafkasOwnSerdesForRawFeedback() {
        byte[] json = "{\"feedbackId\":\"fb-1\"}".getBytes(StandardCharsets.UTF_8);
        Serde<String> keys = Topics.FEEDBACK.keySerde(EventSerdeConfig.embeddedMode());
        Serde<byte[]> values = Topics.FEEDBACK.valueSerde(EventSerdeConfig.embeddedMode());

        assertThat(keys.deserializer().deserialize("t", keys.serializer().serialize("t", "fb-1")))
                .isEqualTo("fb-1");
        assertThat(values.deserializer().deserialize("t", values.serializer().serialize("t", json)))
                .isEqualTo(json);
    }

    @Test
    void shouldRejectATopicWithoutPartitionsOrWithAnUnsupportedType() {
        assertThatThrownBy(
                        () ->
                                new Topic<>(
                                        "x",
                                        String.class,
                                        String.class,
                                        0,
                                        CleanupPolicy.DELETE,
                                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition");
        assertThatThrownBy(
                        () ->
                                new Topic<>(
                                        "x",
                                        String.class,
                                        Thread.class,
                                        1,
                                        CleanupPolicy.DELETE,
                                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCopyATopicWithAnotherPartitionCount() {
        Topic<String, ResponseGenerated> wider = Topics.RESPONSES.withPartitions(12);

        assertThat(wider.partitions()).isEqualTo(12);
        assertThat(wider.name()).isEqualTo(Topics.RESPONSES.name());
        assertThat(Topics.RESPONSES.partitions()).isEqualTo(6);
    }
}
