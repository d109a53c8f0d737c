package io.rewardloop.feedback.agreement;

import io.rewardloop.common.ConfigException;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.feedback.streams.StreamsSettings;
import io.rewardloop.feedback.streams.TopologyStamp;
import io.rewardloop.service.KafkaSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running {@link AgreementTopology}: a Kafka Streams application of its own, application id
 * {@code <feedback.application.id>}{@value #SUFFIX}, so that it reads the ingest's committed output
 * like any consumer and its failure never stops the ingest. It runs at-least-once: an aggregate
 * keeps each annotator's latest answer, so re-reading a record after a crash changes nothing, and
 * exactly-once would only add transactions. It reads {@code read_committed} (the ingest writes
 * transactionally) and skips a record it cannot decode (logged) rather than stop. Each instance's
 * stores hold the units of its partitions only; its {@code application.server} is its HTTP API, so
 * that {@link AgreementApi} can find the others ({@link #instances()}) and add up their sums.
 */
public final class AgreementStreams implements AutoCloseable {

    /** Appended to the ingest's application id. */
    public static final String SUFFIX = "-agreement";

    private static final Logger LOG = LoggerFactory.getLogger(AgreementStreams.class);
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");

    private final KafkaStreams streams;
    private final HostInfo server;

    private AgreementStreams(KafkaStreams streams, HostInfo server) {
        this.streams = streams;
        this.server = server;
    }

    /**
     * Starts the application (does not wait for it to be running).
     *
     * @param kafka the cluster; {@code rlhf.preferences} and {@code rlhf.ratings} must exist
     * @param ingest the ingest's Streams settings (its application id gets {@value #SUFFIX})
     * @param serdeConfig the event serdes' settings
     * @param server where the other instances reach this one's HTTP API ({@code
     *     application.server})
     * @return the running application
     */
    public static AgreementStreams start(
            KafkaSettings kafka,
            StreamsSettings ingest,
            Map<String, ?> serdeConfig,
            HostInfo server) {
        Topology topology = AgreementTopology.build(serdeConfig);
        TopologyStamp.wipeIfChanged(
                ingest.stateDir().resolve(ingest.applicationId() + SUFFIX), topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, properties(kafka, ingest, server));
        streams.setUncaughtExceptionHandler(
                e -> {
                    LOG.error("agreement streams failed; agreement figures are gone", e);
                    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
        streams.start();
        return new AgreementStreams(streams, server);
    }

    /**
     * The Streams configuration of the agreement application.
     *
     * @param kafka the cluster
     * @param ingest the ingest's settings
     * @param server this instance's HTTP API, advertised to the others
     * @return the properties
     */
    public static Properties properties(
            KafkaSettings kafka, StreamsSettings ingest, HostInfo server) {
        StreamsSettings own =
                new StreamsSettings(
                        ingest.applicationId() + SUFFIX,
                        ingest.stateDir(),
                        ingest.replicationFactor(),
                        1);
        Properties props = own.streamsProperties(kafka, StreamsConfig.AT_LEAST_ONCE);
        props.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG),
                "read_committed");
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.host() + ":" + server.port());
        return props;
    }

    /**
     * Where the other instances reach this one's HTTP API: the configured {@code host[:port]}, else
     * the bind address (this host's name when it binds every interface) and the bound port.
     *
     * @param configured {@code host} or {@code host:port}, or null
     * @param bind the HTTP bind address
     * @param boundPort the port the HTTP API listens on
     * @return host and port
     */
    public static HostInfo applicationServer(String configured, String bind, int boundPort) {
        if (configured != null) {
            int colon = configured.indexOf(':');
            return colon < 0
                    ? new HostInfo(configured, boundPort)
                    : new HostInfo(
                            configured.substring(0, colon),
                            Integer.parseInt(configured.substring(colon + 1)));
        }
        if (!WILDCARDS.contains(bind)) {
            return new HostInfo(bind, boundPort);
        }
        try {
            return new HostInfo(InetAddress.getLocalHost().getHostName(), boundPort);
        } catch (UnknownHostException e) {
            throw new ConfigException(
                    "cannot find this host's name to advertise (the HTTP API binds "
                            + bind
                            + "): set "
                            + IngestConfig.ADVERTISED_SERVER);
        }
    }

    /**
     * The sums of the units in this instance's stores.
     *
     * @return the sums
     * @throws InvalidStateStoreException while the stores are not queryable (starting, rebalancing)
     */
    public AgreementSums localSums() {
        return sums(store(AgreementTopology.PAIR_STORE), store(AgreementTopology.RATING_STORE));
    }

    /**
     * Every instance of the application, this one included, as their {@code application.server}.
     *
     * @return the instances the group knows, in no particular order
     */
    public List<HostInfo> instances() {
        List<HostInfo> all = new ArrayList<>();
        for (StreamsMetadata client : streams.metadataForAllStreamsClients()) {
            all.add(client.hostInfo());
        }
        return all;
    }

    /**
     * This instance's {@code application.server}.
     *
     * @return host and port
     */
    public HostInfo server() {
        return server;
    }

    /**
     * The sums of two stores of the topology (also a {@code TopologyTestDriver}'s).
     *
     * @param pairs the {@value AgreementTopology#PAIR_STORE}
     * @param ratings the {@value AgreementTopology#RATING_STORE}
     * @return the sums
     */
    public static AgreementSums sums(
            ReadOnlyKeyValueStore<String, String> pairs,
            ReadOnlyKeyValueStore<String, String> ratings) {
        return AgreementStats.sums(units(pairs), units(ratings));
    }

    /**
     * The figures of two stores of the topology.
     *
     * @param pairs the {@value AgreementTopology#PAIR_STORE}
     * @param ratings the {@value AgreementTopology#RATING_STORE}
     * @return the report
     */
    public static AgreementReport report(
            ReadOnlyKeyValueStore<String, String> pairs,
            ReadOnlyKeyValueStore<String, String> ratings) {
        return sums(pairs, ratings).report();
    }

    /**
     * The Streams state.
     *
     * @return the state
     */
    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(
                CloseOptions.groupMembershipOperation(
                                CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
    }

    private ReadOnlyKeyValueStore<String, String> store(String name) {
        return streams.store(
                StoreQueryParameters.fromNameAndType(
                        name, QueryableStoreTypes.<String, String>keyValueStore()));
    }

    private static List<Unit> units(ReadOnlyKeyValueStore<String, String> store) {
        List<Unit> units = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> next = all.next();
                units.add(Unit.fromJson(next.value));
            }
        }
        return units;
    }
}
