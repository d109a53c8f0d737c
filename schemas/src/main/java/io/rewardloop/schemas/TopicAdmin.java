package io.rewardloop.schemas;

import io.rewardloop.common.RewardLoopException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the registry's topics on a cluster. */
public final class TopicAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicAdmin() {}

    /**
     * Creates the topics with their partition counts and cleanup policies. Idempotent: a topic that
     * already exists is left as it is.
     *
     * @param admin a connected admin client (not closed here)
     * @param topics the topics, e.g. {@link Topics#all()}
     * @param replicationFactor replicas per partition (1 on a single broker)
     * @throws RewardLoopException when the cluster refuses or does not answer within a minute
     */
    public static void createAll(
            Admin admin, Collection<Topic<?, ?>> topics, short replicationFactor) {
        List<NewTopic> newTopics =
                topics.stream().map(topic -> newTopic(topic, replicationFactor)).toList();
        CreateTopicsResult result = admin.createTopics(newTopics);
        for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
            await(entry.getKey(), entry.getValue());
        }
    }

    private static NewTopic newTopic(Topic<?, ?> topic, short replicationFactor) {
        return new NewTopic(topic.name(), topic.partitions(), replicationFactor)
                .configs(
                        Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                topic.cleanupPolicy().configValue()));
    }

    private static void await(String name, KafkaFuture<Void> future) {
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("Created topic {}", name);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                LOG.debug("Topic {} already exists", name);
                return;
            }
            throw new RewardLoopException(
                    "Could not create topic " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new RewardLoopException(
                    "Topic " + name + " was not created within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("Interrupted while creating topic " + name, e);
        }
    }
}
