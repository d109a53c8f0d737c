package io.rewardloop.feedback.it;

import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.schemas.TopicAdmin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real broker with every topic for a test class: register it as {@code @RegisterExtension
 * static final BrokerWithTopics kafka = new BrokerWithTopics();}. It starts before the class's own
 * {@code @BeforeAll} methods and stops after its {@code @AfterAll} methods.
 */
final class BrokerWithTopics implements BeforeAllCallback, AfterAllCallback {

    private KafkaCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = KafkaClusters.startForTests();
        TopicAdmin.createAllOnSingleBroker(cluster.bootstrapServers());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The running broker's bootstrap servers. */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }
}
