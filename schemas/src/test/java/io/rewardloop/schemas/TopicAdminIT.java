package io.rewardloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.kafka.KafkaCluster;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
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
                assertThat(cleanupPolicy(admin, topic.name()))
                        .as(topic.name())
                        .isEqualTo(topic.cleanupPolicy().configValue());
            }
        }
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config =
                admin.describeConfigs(List.of(resource))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .get(resource);
        return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
}
