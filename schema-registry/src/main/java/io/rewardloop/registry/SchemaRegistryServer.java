package io.rewardloop.registry;

import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.http.HealthStatus;
import io.rewardloop.service.http.HttpService;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Confluent-compatible Schema Registry: the REST API on the service kit's HTTP endpoint
 * ({@code /health} included), its state in a compacted Kafka topic read to its end at start.
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry =
 *         SchemaRegistryServer.start(kafka.clientConfig(), HttpSettings.loopbackAnyPort())) {
 *     String url = registry.url(); // schema.registry.url for every client
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

    /** The storage topic, as Confluent's registry names it. */
    public static final String DEFAULT_TOPIC = "_schemas";

    /** The port Confluent's registry listens on, where clients look first. */
    public static final int DEFAULT_PORT = 8081;

    /** How long a write, or reading the topic to its end, may take. */
    public static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaJournal journal;
    private final HttpService http;
    private final SchemaRegistry registry;

    private SchemaRegistryServer(KafkaJournal journal, HttpService http, SchemaRegistry registry) {
        this.journal = journal;
        this.http = http;
        this.registry = registry;
    }

    /**
     * Starts a registry stored in {@value #DEFAULT_TOPIC}.
     *
     * @param kafkaClientConfig bootstrap servers and any client properties (security, ...)
     * @param http where to listen
     * @return the running registry
     */
    public static SchemaRegistryServer start(
            Map<String, Object> kafkaClientConfig, HttpSettings http) {
        return start(kafkaClientConfig, DEFAULT_TOPIC, http);
    }

    /**
     * Starts a registry: creates the storage topic when missing, reads it to its end, then listens.
     *
     * @param kafkaClientConfig bootstrap servers and any client properties (security, ...)
     * @param topic the storage topic (compacted, one partition)
     * @param http where to listen
     * @return the running registry
     */
    public static SchemaRegistryServer start(
            Map<String, Object> kafkaClientConfig, String topic, HttpSettings http) {
        long started = System.nanoTime();
        RegistryState state = new RegistryState();
        KafkaJournal journal = KafkaJournal.start(kafkaClientConfig, topic, state, STORE_TIMEOUT);
        SchemaRegistry registry = new SchemaRegistry(state, journal);
        HttpService service;
        try {
            service =
                    HttpService.builder("schema-registry")
                            .setSettings(http)
                            .setHealth(
                                    () ->
                                            journal.reading()
                                                    ? HealthStatus.up("store " + topic)
                                                    : HealthStatus.down(
                                                            "store " + topic + " not readable"))
                            .optRoutes(new RegistryRoutes(registry)::declare)
                            .start();
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        SchemaRegistryServer server = new SchemaRegistryServer(journal, service, registry);
        LOG.info(
                "Schema Registry on {} (store {}, {} subjects) ready in {} ms",
                server.url(),
                topic,
                registry.subjects(false).size(),
                (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    /**
     * Where clients reach it: {@code http://127.0.0.1:port} when it listens on every interface.
     *
     * @return a {@code schema.registry.url} value
     */
    public String url() {
        return http.baseUrl().replace("//" + HttpSettings.ANY_ADDRESS + ":", "//127.0.0.1:");
    }

    /**
     * The port it listens on.
     *
     * @return the port (the chosen one when configured with 0)
     */
    public int port() {
        return http.port();
    }

    /**
     * The registry's rules, for in-process callers.
     *
     * @return the registry
     */
    public SchemaRegistry registry() {
        return registry;
    }

    /** Stops listening, then stops reading and writing the topic. */
    @Override
    public void close() {
        http.close();
        journal.close();
    }
}
