package io.rewardloop.feedback.agreement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.rewardloop.feedback.streams.StreamsSettings;
import io.rewardloop.service.KafkaSettings;
import io.rewardloop.service.http.HttpService;
import io.rewardloop.service.http.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
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
 * transactionally) and skips a record it cannot decode (logged) rather than stop.
 */
public final class AgreementStreams implements AutoCloseable {

    /** Appended to the ingest's application id. */
    public static final String SUFFIX = "-agreement";

    /** The route of the report. */
    public static final String AGREEMENT_PATH = "/v1/agreement";

    private static final Logger LOG = LoggerFactory.getLogger(AgreementStreams.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaStreams streams;

    private AgreementStreams(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Starts the application (does not wait for it to be running).
     *
     * @param kafka the cluster; {@code rlhf.preferences} and {@code rlhf.ratings} must exist
     * @param ingest the ingest's Streams settings (its application id gets {@value #SUFFIX})
     * @param serdeConfig the event serdes' settings
     * @return the running application
     */
    public static AgreementStreams start(
            KafkaSettings kafka, StreamsSettings ingest, Map<String, ?> serdeConfig) {
        KafkaStreams streams =
                new KafkaStreams(AgreementTopology.build(serdeConfig), properties(kafka, ingest));
        streams.setUncaughtExceptionHandler(
                e -> {
                    LOG.error("agreement streams failed; agreement figures are gone", e);
                    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
        streams.start();
        return new AgreementStreams(streams);
    }

    /**
     * The Streams configuration of the agreement application.
     *
     * @param kafka the cluster
     * @param ingest the ingest's settings
     * @return the properties
     */
    public static Properties properties(KafkaSettings kafka, StreamsSettings ingest) {
        StreamsSettings own =
                new StreamsSettings(
                        ingest.applicationId() + SUFFIX,
                        ingest.stateDir(),
                        ingest.replicationFactor(),
                        1);
        Properties props = own.streamsProperties(kafka);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG),
                "read_committed");
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        return props;
    }

    /**
     * The figures from this instance's stores.
     *
     * @return the report
     * @throws InvalidStateStoreException while the stores are not queryable (starting, rebalancing)
     */
    public AgreementReport report() {
        return report(store(AgreementTopology.PAIR_STORE), store(AgreementTopology.RATING_STORE));
    }

    /**
     * The figures from two stores of the topology (also a {@code TopologyTestDriver}'s).
     *
     * @param pairs the {@value AgreementTopology#PAIR_STORE}
     * @param ratings the {@value AgreementTopology#RATING_STORE}
     * @return the report
     */
    public static AgreementReport report(
            ReadOnlyKeyValueStore<String, String> pairs,
            ReadOnlyKeyValueStore<String, String> ratings) {
        return AgreementStats.compute(units(pairs), units(ratings));
    }

    /**
     * Declares {@code GET /v1/agreement}: 200 with the report, 503 problem while the stores are not
     * queryable.
     *
     * @param routes Javalin's routes
     */
    public void routes(RoutesConfig routes) {
        routes.get(
                AGREEMENT_PATH,
                ctx -> {
                    AgreementReport report;
                    try {
                        report = report();
                    } catch (InvalidStateStoreException e) {
                        HttpService.respond(
                                ctx,
                                Problem.of(
                                        503,
                                        "Agreement not available",
                                        "agreement streams are " + streams.state()));
                        return;
                    }
                    ctx.contentType("application/json").result(JSON.writeValueAsString(report));
                });
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
