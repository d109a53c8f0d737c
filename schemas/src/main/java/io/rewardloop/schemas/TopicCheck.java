package io.rewardloop.schemas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Compares a topic as it exists on a cluster with what the registry says it needs: the same {@code
 * cleanup.policy} (no more, no less: a compacted {@code rlhf.responses} would lose responses that
 * share a prompt, a {@code rlhf.models} that also deletes would lose every version after the
 * retention time), at least the registry's partition count, and at least its {@code
 * max.message.bytes}.
 */
final class TopicCheck {

    private TopicCheck() {}

    /**
     * The problems of one existing topic.
     *
     * @param topic what the registry says
     * @param description the topic as described by the cluster
     * @param config the topic's effective config (broker defaults included)
     * @return one line per wrong setting; empty when it is right
     */
    static List<String> problems(Topic<?, ?> topic, TopicDescription description, Config config) {
        List<String> problems = new ArrayList<>();
        String name = topic.name();
        Set<String> policy = policies(value(config, TopicConfig.CLEANUP_POLICY_CONFIG));
        String wanted = topic.cleanupPolicy().configValue();
        if (!policy.equals(Set.of(wanted))) {
            problems.add(
                    name
                            + ": "
                            + TopicConfig.CLEANUP_POLICY_CONFIG
                            + " is '"
                            + String.join(",", policy)
                            + "', needs '"
                            + wanted
                            + "' (kafka-configs.sh --alter --entity-type topics --entity-name "
                            + name
                            + " --add-config "
                            + TopicConfig.CLEANUP_POLICY_CONFIG
                            + "="
                            + wanted
                            + ")");
        }
        int partitions = description.partitions().size();
        if (partitions < topic.partitions()) {
            problems.add(
                    name
                            + ": "
                            + partitions
                            + " partitions, needs at least "
                            + topic.partitions()
                            + " (kafka-topics.sh --alter --topic "
                            + name
                            + " --partitions "
                            + topic.partitions()
                            + ")");
        }
        if (topic.maxMessageBytes().isPresent()) {
            int needed = topic.maxMessageBytes().getAsInt();
            String text = value(config, TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            long actual = text.isEmpty() ? -1 : Long.parseLong(text);
            if (actual < needed) {
                problems.add(
                        name
                                + ": "
                                + TopicConfig.MAX_MESSAGE_BYTES_CONFIG
                                + " is "
                                + (actual < 0 ? "unknown" : actual)
                                + ", needs at least "
                                + needed
                                + " (kafka-configs.sh --alter --entity-type topics --entity-name "
                                + name
                                + " --add-config "
                                + TopicConfig.MAX_MESSAGE_BYTES_CONFIG
                                + "="
                                + needed
                                + ")");
            }
        }
        return problems;
    }

    /** The problems of every topic in {@code topics} that the maps describe. */
    static List<String> problems(
            Collection<Topic<?, ?>> topics,
            Map<String, TopicDescription> descriptions,
            Map<String, Config> configs) {
        List<String> problems = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            TopicDescription description = descriptions.get(topic.name());
            Config config = configs.get(topic.name());
            if (description != null && config != null) {
                problems.addAll(problems(topic, description, config));
            }
        }
        return problems;
    }

    private static String value(Config config, String key) {
        ConfigEntry entry = config.get(key);
        return entry == null || entry.value() == null ? "" : entry.value().trim();
    }

    private static Set<String> policies(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
