package io.rewardloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.kafka.KafkaCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaCluster.class)
class TopicAdminIT {

    @Test
    void shouldCreateEveryTopicWithItsPartitionsAndCleanupPolicyIdempotently(KafkaCluster cluster)
            throws Exception {
        try (Admin admin = SharedKafkaCluster.admin(cluster)) {
            TopicAdmin.createAll(admin, Topics.all(), (short) 1);

            List<String> names = Topics.all().stream().map(Topic::name).toList();
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            for (Topic<?, ?> topic : Topics.all()) {
                assertThat(described.get(topic.name()).partitions())
                        .as(topic.name())
                        .hasSize(topic.partitions());
                assertThat(config(admin, topic.name(), TopicConfig.CLEANUP_POLICY_CONFIG))
                        .as(topic.name())
                        .isEqualTo(topic.cleanupPolicy().configValue());
            }
            assertThat(config(admin, Topics.MODELS.name(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG))
                    .isEqualTo(String.valueOf(16 * 1024 * 1024));
        }
    }

    @Test
    void shouldFailNamingTopicAndSettingWhenAnExistingTopicIsWrong(KafkaCluster cluster)
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Topic<String, ModelPublished> models =
                new Topic<>(
                                "it.models." + suffix,
                                String.class,
                                ModelPublished.class,
                                1,
                                CleanupPolicy.COMPACT,
                                Optional.empty())
                        .withMaxMessageBytes(Topics.MODELS_MAX_MESSAGE_BYTES);
        Topic<String, ResponseGenerated> responses =
                new Topic<>(
                        "it.responses." + suffix,
                        String.class,
                        ResponseGenerated.class,
                        6,
                        CleanupPolicy.DELETE,
                        Optional.empty());
        try (Admin admin = SharedKafkaCluster.admin(cluster)) {
            // as an operator (or auto-creation) might have made them: broker defaults
            admin.createTopics(
                            List.of(
                                    new NewTopic(models.name(), 1, (short) 1),
                                    new NewTopic(responses.name(), 2, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            TopicConfigException error =
                    catchThrowableOfType(
                            TopicConfigException.class,
                            () ->
                                    TopicAdmin.createAll(
                                            admin, List.of(models, responses), (short) 1));

            assertThat(error.problems()).hasSize(3);
            assertThat(error.getMessage())
                    .contains(
                            models.name() + ": cleanup.policy is 'delete', needs 'compact'",
                            models.name()
                                    + ": max.message.bytes is 1048588, needs at least 16777216",
                            responses.name() + ": 2 partitions, needs at least 6");
            assertThat(error.problems())
                    .noneMatch(p -> p.startsWith(responses.name() + ": cleanup.policy"));
        }
    }

    private static String config(Admin admin, String topic, String key) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config =
                admin.describeConfigs(List.of(resource))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .get(resource);
        return config.get(key).value();
    }
}
