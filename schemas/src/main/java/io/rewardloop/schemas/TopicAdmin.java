package io.rewardloop.schemas;

import io.rewardloop.common.RewardLoopException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the registry's topics on a cluster and checks the ones that already exist: a topic with
 * the wrong {@code cleanup.policy}, too few partitions or too small a {@code max.message.bytes} is
 * an error that names the topic and the setting, never a silent pass.
 */
public final class TopicAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicAdmin() {}

    /**
     * Creates the missing topics with their partition counts and configs, then checks those that
     * already existed. Idempotent: an existing topic is never changed.
     *
     * @param admin a connected admin client (not closed here)
     * @param topics the topics, e.g. {@link Topics#all()}
     * @param replicationFactor replicas per partition (1 on a single broker, -1 the broker's
     *     default)
     * @throws TopicConfigException when an existing topic has the wrong settings
     * @throws RewardLoopException when the cluster refuses or does not answer within a minute
     */
    public static void createAll(
            Admin admin, Collection<Topic<?, ?>> topics, short replicationFactor) {
        List<NewTopic> newTopics =
                topics.stream().map(topic -> newTopic(topic, replicationFactor)).toList();
        CreateTopicsResult result = admin.createTopics(newTopics);
        List<Topic<?, ?>> existing = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            if (!create(topic.name(), result.values().get(topic.name()))) {
                existing.add(topic);
            }
        }
        if (!existing.isEmpty()) {
            checkAll(admin, existing);
        }
    }

    /**
     * Creates every topic of the registry on a single-broker cluster (one replica each), for tests
     * and benchmarks, through an admin client of its own.
     *
     * @param bootstrapServers the cluster
     * @throws TopicConfigException when an existing topic has the wrong settings
     * @throws RewardLoopException when the cluster refuses or does not answer within a minute
     */
    public static void createAllOnSingleBroker(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            createAll(admin, Topics.all(), (short) 1);
        }
    }

    /**
     * Checks that every topic exists with the settings it needs.
     *
     * @param admin a connected admin client (not closed here)
     * @param topics the topics, e.g. {@link Topics#all()}
     * @throws TopicConfigException when a topic has the wrong settings
     * @throws RewardLoopException when a topic does not exist, or the cluster does not answer
     */
    public static void checkAll(Admin admin, Collection<Topic<?, ?>> topics) {
        List<String> names = topics.stream().map(Topic::name).toList();
        Map<String, TopicDescription> descriptions =
                get(admin.describeTopics(names).allTopicNames(), "describe topics " + names);
        List<ConfigResource> resources =
                names.stream()
                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                        .toList();
        Map<String, Config> configs = new HashMap<>();
        get(admin.describeConfigs(resources).all(), "describe the configs of " + names)
                .forEach((resource, config) -> configs.put(resource.name(), config));
        List<String> problems = TopicCheck.problems(topics, descriptions, configs);
        if (!problems.isEmpty()) {
            throw new TopicConfigException(problems);
        }
        LOG.debug("Topics {} exist with the settings they need", names);
    }

    private static NewTopic newTopic(Topic<?, ?> topic, short replicationFactor) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy().configValue());
        topic.maxMessageBytes()
                .ifPresent(
                        bytes ->
                                configs.put(
                                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                        Integer.toString(bytes)));
        return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configs);
    }

    /** Waits for one creation; false when the topic already existed. */
    private static boolean create(String name, KafkaFuture<Void> future) {
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("Created topic {}", name);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                LOG.debug("Topic {} already exists", name);
                return false;
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

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new RewardLoopException(
                    "Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new RewardLoopException(
                    "Could not " + what + " within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("Interrupted while trying to " + what, e);
        }
    }
}
