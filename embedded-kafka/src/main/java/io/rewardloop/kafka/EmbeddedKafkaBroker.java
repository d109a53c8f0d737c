package io.rewardloop.kafka;

import io.rewardloop.common.RewardLoopException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, one process as broker and controller) running inside
 * this JVM, from the {@code kafka_2.13} artifact. Settings fit one node: internal topics with
 * replication factor 1, so consumer groups and exactly-once transactions work.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>By default the broker listens on free loopback ports and keeps its data in a temporary
 * directory that {@link #close()} deletes.
 */
public final class EmbeddedKafkaBroker implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;
    private final boolean temporaryLogDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(
            KafkaRaftServer server, String bootstrapServers, Path logDir, boolean temporaryLogDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.temporaryLogDir = temporaryLogDir;
    }

    /**
     * Starts a broker with every default: free ports, a temporary log directory.
     *
     * @return the running broker, already serving requests
     */
    public static EmbeddedKafkaBroker start() {
        return builder().build();
    }

    /**
     * A builder for a broker with a chosen port, log directory or extra server properties.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Where the broker keeps its data (its metadata log and every partition).
     *
     * @return the log directory
     */
    public Path logDir() {
        return logDir;
    }

    /** Shuts the broker down and waits for it; deletes the log directory if it was temporary. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (temporaryLogDir && !KraftStorage.deleteRecursively(logDir)) {
                LOG.warn("Temporary Kafka log directory {} was not fully deleted", logDir);
            }
        }
        LOG.info("Kafka broker {} stopped", bootstrapServers);
    }

    private static EmbeddedKafkaBroker launch(Builder options) {
        long started = System.nanoTime();
        if (options.port != 0) {
            FreePorts.requireFree(options.port);
        }
        int port = options.port == 0 ? FreePorts.next() : options.port;
        boolean temporary = options.logDir == null;
        Path dir = temporary ? newTemporaryDirectory() : options.logDir;
        Map<String, String> properties =
                BrokerSettings.singleNode(port, FreePorts.next(), dir, options.properties);
        KafkaRaftServer server;
        try {
            KraftStorage.formatIfNew(dir);
            server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
        } catch (RuntimeException e) {
            if (temporary) {
                KraftStorage.deleteRecursively(dir);
            }
            throw e;
        }
        EmbeddedKafkaBroker broker =
                new EmbeddedKafkaBroker(server, BrokerSettings.HOST + ":" + port, dir, temporary);
        try {
            server.startup();
            broker.awaitServing(options.startTimeout);
        } catch (RuntimeException e) {
            try {
                broker.close();
            } catch (RuntimeException whileClosing) {
                e.addSuppressed(whileClosing);
            }
            throw e;
        }
        LOG.info(
                "Kafka broker ready at {} in {} ms (log dir {})",
                broker.bootstrapServers,
                (System.nanoTime() - started) / 1_000_000,
                dir);
        return broker;
    }

    /** Blocks until the broker answers a metadata request; the admin client retries until then. */
    private void awaitServing(Duration timeout) {
        Map<String, Object> config =
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            int timeoutMs = Math.toIntExact(timeout.toMillis());
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes().get();
        } catch (ExecutionException e) {
            throw new RewardLoopException(
                    "Kafka broker at " + bootstrapServers + " did not serve within " + timeout,
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("Interrupted while the Kafka broker started", e);
        }
    }

    private static Path newTemporaryDirectory() {
        try {
            return Files.createTempDirectory("rlhf-kafka-");
        } catch (IOException e) {
            throw new RewardLoopException("Cannot create a temporary Kafka log directory", e);
        }
    }

    /**
     * Options for an {@link EmbeddedKafkaBroker}; {@link #build()} starts the broker. Every option
     * is optional.
     */
    public static final class Builder {

        private int port;
        private Path logDir;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {}

        /**
         * The client port; {@code 0} (the default) picks a free one.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder optPort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * A log directory to keep: formatted on first use, reused with its data afterwards, never
         * deleted. Without one the broker uses a temporary directory that close deletes.
         *
         * @param logDir the directory
         * @return this builder
         */
        public Builder optLogDir(Path logDir) {
            this.logDir = Objects.requireNonNull(logDir, "logDir");
            return this;
        }

        /**
         * A broker property that adds to or replaces the single-node defaults.
         *
         * @param key a Kafka server property, e.g. {@code log.retention.ms}
         * @param value its value
         * @return this builder
         */
        public Builder optProperty(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
            return this;
        }

        /**
         * How long to wait for the broker to serve before giving up (default 60 s).
         *
         * @param startTimeout a positive duration
         * @return this builder
         */
        public Builder optStartTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive");
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Formats the log directory if needed, starts the broker and waits until it serves.
         *
         * @return the running broker
         */
        public EmbeddedKafkaBroker build() {
            return launch(this);
        }
    }
}
