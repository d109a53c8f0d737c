package io.rewardloop.schemas;

import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one real Kafka cluster, started on first use and shared by every integration test of the
 * run (JUnit closes it at the end), with every registry topic created by {@link TopicAdmin}.
 */
final class SharedKafkaCluster implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedKafkaCluster.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent("cluster", key -> start(), KafkaCluster.class);
    }

    private static KafkaCluster start() {
        KafkaCluster cluster = KafkaClusters.startForTests();
        try (Admin admin = admin(cluster)) {
            TopicAdmin.createAll(admin, Topics.all(), (short) 1);
        }
        return cluster;
    }

    static Admin admin(KafkaCluster cluster) {
        return Admin.create(
                java.util.Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    static List<Topic<?, ?>> eventTopics() {
        return Topics.all().stream().filter(t -> t.deadLetterTopic().isPresent()).toList();
    }
}
