package io.rewardloop.feedback.streams;

import io.rewardloop.common.ConfigException;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.service.KafkaSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;

/**
 * How the ingest's Kafka Streams application runs.
 *
 * @param applicationId the Streams {@code application.id}: consumer group, transactional ids and
 *     internal topic names; every ingest instance of one deployment shares it
 * @param stateDir where the dedup store's RocksDB files live (rebuilt from the changelog if lost)
 * @param replicationFactor of the internal topics (repartition, changelog); -1 = broker default
 * @param threads stream threads of this instance
 */
public record StreamsSettings(
        String applicationId, Path stateDir, int replicationFactor, int threads) {

    /** Streams' {@code commit.interval.ms} unless the client properties set one. */
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 500;

    /** The Streams producers' {@code batch.size} unless the client properties set one. */
    public static final int DEFAULT_PRODUCER_BATCH_BYTES = 128 * 1024;

    /** Where Kafka Streams keeps state when no directory is configured. */
    public static final Path DEFAULT_STATE_DIR =
            Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams");

    /** Validates. */
    public StreamsSettings {
        Objects.requireNonNull(stateDir, "stateDir");
        if (applicationId == null || applicationId.isBlank()) {
            throw new ConfigException(IngestConfig.APPLICATION_ID + " must not be empty");
        }
        if (replicationFactor == 0 || replicationFactor < -1) {
            throw new IllegalArgumentException(
                    "replication factor must be -1 or positive, got " + replicationFactor);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /**
     * The settings of an ingest configuration: its application id and state directory, internal
     * topics at the broker's default replication, one stream thread.
     *
     * @param config the ingest configuration
     * @return the settings
     */
    public static StreamsSettings of(IngestConfig config) {
        return new StreamsSettings(
                config.applicationId(),
                config.stateDir() == null ? DEFAULT_STATE_DIR : Path.of(config.stateDir()),
                -1,
                1);
    }

    /**
     * Settings for tests and the embedded broker: replication 1, one thread.
     *
     * @param applicationId the application id
     * @param stateDir the state directory
     * @return the settings
     */
    public static StreamsSettings forTests(String applicationId, Path stateDir) {
        return new StreamsSettings(applicationId, stateDir, 1, 1);
    }

    /**
     * The Streams configuration: the Kafka settings' client properties (security passes through),
     * exactly-once v2, and every exception handler set explicitly: a record that cannot be read or
     * processed, or an event that cannot be produced, stops the application (fail-closed) rather
     * than losing feedback. (Bad input never reaches them: values are read as bytes and every parse
     * or validation failure becomes a dead letter inside the topology.)
     *
     * @param kafka the cluster and client properties
     * @return the properties for {@code new KafkaStreams(topology, props)}
     */
    public Properties streamsProperties(KafkaSettings kafka) {
        return streamsProperties(kafka, StreamsConfig.EXACTLY_ONCE_V2);
    }

    /**
     * The Streams configuration as {@link #streamsProperties(KafkaSettings)} with another
     * processing guarantee. The 500 ms commit interval is exactly-once's: at-least-once keeps Kafka
     * Streams' own default (30 s), since its commits do not hold back the output.
     *
     * @param kafka the cluster and client properties
     * @param processingGuarantee {@link StreamsConfig#EXACTLY_ONCE_V2} or {@link
     *     StreamsConfig#AT_LEAST_ONCE}
     * @return the properties for {@code new KafkaStreams(topology, props)}
     */
    public Properties streamsProperties(KafkaSettings kafka, String processingGuarantee) {
        Properties props = new Properties();
        Map<String, Object> base = kafka.clientConfig();
        // Defaults a passthrough client property overrides. A commit (one transaction) every
        // 500 ms rather than exactly-once's 100 ms: the HTTP API answers once rlhf.feedback holds
        // an item, so the commit interval only delays the events, and fewer transactions cost the
        // broker and the stream thread less per item. Batches of up to 128 KiB rather than 16 KiB
        // to the repartition, changelog and event topics: fewer produce requests per item. RocksDB
        // set for lookups that miss (LookupRocksDbConfig).
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee)) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
        }
        if (!base.containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
            props.put(
                    StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
                    DEFAULT_PRODUCER_BATCH_BYTES);
        }
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, LookupRocksDbConfig.class);
        props.putAll(base);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        // No waiting to align record times across a task's input partitions: completion's lookup
        // takes a response and a lookup in either order by design (a lookup waits for its
        // response), and the alignment check formats log text for every record of a task whose
        // other partition is momentarily empty (Kafka Streams 4.3, PartitionGroup), a measurable
        // share of the ingest's CPU.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndFailExceptionHandler.class.getName());
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndFailProcessingExceptionHandler.class.getName());
        props.put(
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DefaultProductionExceptionHandler.class.getName());
        return props;
    }
}
