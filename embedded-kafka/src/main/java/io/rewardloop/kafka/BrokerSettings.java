package io.rewardloop.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The server properties of a single-node KRaft cluster: one process is broker and controller. */
final class BrokerSettings {

    /** The listener host: loopback only, so an embedded broker never listens on the network. */
    static final String HOST = "127.0.0.1";

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** The largest record a topic of the reward loop allows (rlhf.models), plus batch overhead. */
    static final int LARGEST_MESSAGE_BYTES = 16 * 1024 * 1024 + 1024;

    private BrokerSettings() {}

    /**
     * The properties for one node; {@code overrides} win over every default.
     *
     * @param brokerPort the client port
     * @param controllerPort the KRaft controller port
     * @param logDir the (formatted) log directory
     * @param overrides extra or replacing properties
     * @return the server properties, in a stable order
     */
    static Map<String, String> singleNode(
            int brokerPort, int controllerPort, Path logDir, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // A static quorum of one voter: the formatter then writes kraft.version 0, and nothing
        // else (no --standalone) is needed.
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put(
                "listeners",
                "PLAINTEXT://"
                        + HOST
                        + ":"
                        + brokerPort
                        + ","
                        + CONTROLLER_LISTENER
                        + "://"
                        + HOST
                        + ":"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        putSingleNodeReplication(p);
        // The internal topics are created on first use; fewer partitions make that fast.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose, with their partitions and configs (TopicAdmin); a typo in
        // a topic name must fail, not create a one-partition topic with broker defaults.
        p.put("auto.create.topics.enable", "false");
        // Room for the largest topic-level max.message.bytes (rlhf.models: 16 MiB) in replica
        // fetches, so the limit is the topic's, not the broker's.
        p.put("replica.fetch.max.bytes", String.valueOf(LARGEST_MESSAGE_BYTES));
        // The cleaner's default 128 MiB dedupe buffer is far more than a laptop broker needs.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.putAll(overrides);
        return p;
    }

    private static void putSingleNodeReplication(Map<String, String> p) {
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
    }
}
