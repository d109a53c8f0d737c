package io.rewardloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicCheckTest {

    @Test
    void shouldAcceptTheModelsTopicAsTopicAdminCreatesIt() {
        assertThat(
                        TopicCheck.problems(
                                Topics.MODELS,
                                described("rlhf.models", 1),
                                config("compact", "16777216")))
                .isEmpty();
    }

    @Test
    void shouldRefuseAModelsTopicWithoutCompactionOrThatAlsoDeletes() {
        assertThat(
                        TopicCheck.problems(
                                Topics.MODELS,
                                described("rlhf.models", 1),
                                config("delete", "16777216")))
                .containsExactly(
                        "rlhf.models: cleanup.policy is 'delete', needs 'compact'"
                                + " (kafka-configs.sh --alter --entity-type topics --entity-name"
                                + " rlhf.models --add-config cleanup.policy=compact)");
        assertThat(
                        TopicCheck.problems(
                                Topics.MODELS,
                                described("rlhf.models", 1),
                                config("compact,delete", "16777216")))
                .singleElement()
                .asString()
                .startsWith("rlhf.models: cleanup.policy is 'compact,delete', needs 'compact'");
    }

    @Test
    void shouldRefuseTooFewPartitionsButAcceptMore() {
        assertThat(
                        TopicCheck.problems(
                                Topics.RESPONSES,
                                described("rlhf.responses", 3),
                                config("delete", "1048588")))
                .singleElement()
                .asString()
                .startsWith("rlhf.responses: 3 partitions, needs at least 6");
        assertThat(
                        TopicCheck.problems(
                                Topics.RESPONSES,
                                described("rlhf.responses", 12),
                                config("delete", "1048588")))
                .isEmpty();
    }

    @Test
    void shouldRefuseAModelsTopicWithTheBrokersDefaultRecordLimit() {
        assertThat(
                        TopicCheck.problems(
                                Topics.MODELS,
                                described("rlhf.models", 1),
                                config("compact", "1048588")))
                .singleElement()
                .asString()
                .startsWith("rlhf.models: max.message.bytes is 1048588, needs at least 16777216");
    }

    private static TopicDescription described(String name, int partitions) {
        Node node = new Node(1, "localhost", 9092);
        List<TopicPartitionInfo> infos =
                IntStream.range(0, partitions)
                        .mapToObj(
                                p -> new TopicPartitionInfo(p, node, List.of(node), List.of(node)))
                        .toList();
        return new TopicDescription(name, false, infos, Collections.emptySet());
    }

    private static Config config(String cleanupPolicy, String maxMessageBytes) {
        return new Config(
                List.of(
                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy),
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes)));
    }
}
