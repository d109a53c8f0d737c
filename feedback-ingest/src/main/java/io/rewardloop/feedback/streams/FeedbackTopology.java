package io.rewardloop.feedback.streams;

import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.schemas.Topics;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The feedback ingest topology, as a pure function of its inputs (no I/O, no environment):
 *
 * <pre>
 * rlhf.feedback (bytes) -> parse (strict UTF-8 JSON) -> validate ---invalid/malformed--> rlhf.feedback.dlq
 *   -> re-key by feedbackId (repartition "by-feedback-id", value = canonical JSON), unless the
 *      record is already keyed and partitioned by its feedbackId (the HTTP API's records)
 *   -> dedup (store {@value #DEDUP_STORE}: feedbackId -> contentHash, changelog in Kafka)
 *        first        -> PreferenceRecorded to rlhf.preferences / RatingRecorded to rlhf.ratings
 *        same hash    -> dropped (a retry)
 *        other hash   -> rlhf.feedback.dlq, reason "conflict: ..."
 *        first, naming a response by id only -> completion from rlhf.responses
 *                        (see {@link CompletionTopology}) -> the same event topics or the DLQ
 * dedup store's changelog -> global store {@value #INDEX_STORE} (every instance holds every id:
 * the {@link io.rewardloop.feedback.FeedbackIndex} the HTTP API asks)
 * </pre>
 *
 * <p>Dead-letter reasons start with a category: {@value #MALFORMED} (not UTF-8, not JSON, no
 * value), {@value #INVALID} (field errors, each as {@code pointer: message}), {@value #CONFLICT} or
 * {@value #INCOMPLETE}.
 */
public final class FeedbackTopology {

    /** The de-duplication store: feedbackId -> content hash, persistent, logged. */
    public static final String DEDUP_STORE = "feedback-dedup-store";

    /** The global store over the dedup store's changelog, queried by the index. */
    public static final String INDEX_STORE = "feedback-index-store";

    /** Name of the repartition by feedback id ({@code <app id>-by-feedback-id-repartition}). */
    public static final String REPARTITION = "by-feedback-id";

    /** Dead-letter reason category: not UTF-8, not JSON, or no value. */
    public static final String MALFORMED = "malformed";

    /** Dead-letter reason category: the item failed validation. */
    public static final String INVALID = "invalid";

    /**
     * Dead-letter reason category: the id was recorded with other content, or a response named by
     * id belongs to another prompt.
     */
    public static final String CONFLICT = "conflict";

    /** Dead-letter reason category: a response named by id did not arrive in time. */
    public static final String INCOMPLETE = "incomplete";

    /**
     * The largest item, as canonical JSON bytes, that goes on: larger items are dead-lettered
     * ({@value #INVALID}), since their repartition record or event would exceed the producers'
     * default {@code max.request.size} (1 MiB) and stop the application. 1,000,000 bytes leaves
     * room for headers and the record batch.
     */
    public static final int MAX_ITEM_BYTES = 1_000_000;

    private FeedbackTopology() {}

    /**
     * The dead-letter reason of an item whose canonical JSON has this many bytes, over the limit.
     */
    static String tooLarge(int canonicalBytes) {
        return INVALID
                + ": (item): "
                + canonicalBytes
                + " bytes of canonical JSON, over the limit of "
                + MAX_ITEM_BYTES;
    }

    /**
     * The name of the dedup store's changelog topic, which the index reads as a global store. It
     * must exist before the application starts (the global store is initialized first), so the
     * service creates it, compacted, with as many partitions as {@code rlhf.feedback}.
     *
     * @param applicationId the Streams {@code application.id}
     * @return {@code <applicationId>-feedback-dedup-store-changelog}
     */
    public static String dedupChangelog(String applicationId) {
        return applicationId + "-" + DEDUP_STORE + "-changelog";
    }

    /**
     * Builds the topology.
     *
     * @param applicationId the Streams {@code application.id} (names the changelog the index reads)
     * @param validator checks items, the same as the HTTP API's
     * @param serdeConfig the event serdes' settings ({@code schema.registry.url}, ...)
     * @param listener told about recorded, duplicate, completed and dead-lettered items
     * @param completion how feedback naming responses by id waits for them
     * @param partitions of {@code rlhf.feedback} (the service asks the broker), and so of the
     *     repartition by feedback id and completion's repartition topics
     * @return the topology
     */
    public static Topology build(
            String applicationId,
            FeedbackValidator validator,
            Map<String, ?> serdeConfig,
            FeedbackStreamListener listener,
            CompletionSettings completion,
            int partitions) {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(completion, "completion");
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(DEDUP_STORE),
                        Serdes.String(),
                        Serdes.String()));

        Map<String, KStream<byte[], Routed>> parsed =
                builder.stream(
                                Topics.FEEDBACK.name(),
                                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                                        .withName("feedback-source"))
                        .process(
                                () -> new FeedbackParseProcessor(validator, listener, partitions),
                                Named.as("parse"))
                        .split(Named.as("parsed-"))
                        .branch((k, v) -> v.is(Routed.Route.IN_PLACE), Branched.as("in-place"))
                        .branch((k, v) -> v.is(Routed.Route.VALID), Branched.as("valid"))
                        .defaultBranch(Branched.as("dead"));

        KStream<byte[], Routed> repartitioned =
                parsed.get("parsed-valid")
                        .mapValues(Routed::bytes, Named.as("canonical-json"))
                        .repartition(
                                Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray())
                                        .withName(REPARTITION)
                                        .withNumberOfPartitions(partitions))
                        .mapValues(Routed::valid, Named.as("repartitioned-json"));
        // One sub-topology reads rlhf.feedback and the repartition topic: task p de-duplicates the
        // ids of partition p of both, so items already keyed and partitioned by their id skip the
        // repartition (FeedbackParseProcessor).
        Map<String, KStream<byte[], Routed>> deduped =
                parsed.get("parsed-in-place")
                        .merge(repartitioned, Named.as("to-dedup"))
                        .process(
                                () -> new FeedbackDedupProcessor(validator, listener),
                                Named.as("dedup"),
                                DEDUP_STORE)
                        .split(Named.as("deduped-"))
                        .branch((k, v) -> v.is(Routed.Route.PENDING), Branched.as("pending"))
                        .defaultBranch(Branched.as("done"));

        writeDeadLetters(parsed.get("parsed-dead"), "parse-");
        writeOutcomes(deduped.get("deduped-done"), "", serdeConfig);
        // Own sinks: merging into the ones above would put completion's processors into the dedup
        // sub-topology, tying their tasks to rlhf.feedback's partitions.
        writeOutcomes(
                CompletionTopology.attach(
                        builder,
                        deduped.get("deduped-pending"),
                        validator,
                        serdeConfig,
                        listener,
                        completion,
                        partitions),
                "completed-",
                serdeConfig);

        // A global store rather than a global table: the table's source reads each id's old
        // value before writing the new one, a RocksDB read per recorded item on every instance
        // that nobody uses.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(INDEX_STORE),
                                Serdes.String(),
                                Serdes.String())
                        .withLoggingDisabled(),
                dedupChangelog(applicationId),
                Consumed.with(Serdes.String(), Serdes.String()).withName("index-source"),
                IndexUpdater::new);
        return builder.build();
    }

    /** Events to their topics, dead letters to {@code rlhf.feedback.dlq}. */
    private static void writeOutcomes(
            KStream<byte[], Routed> outcomes, String prefix, Map<String, ?> serdeConfig) {
        Map<String, KStream<byte[], Routed>> routes =
                outcomes.split(Named.as(prefix + "outcome-"))
                        .branch((k, v) -> v.is(Routed.Route.PREFERENCE), Branched.as("preference"))
                        .branch((k, v) -> v.is(Routed.Route.RATING), Branched.as("rating"))
                        .defaultBranch(Branched.as("dead"));
        routes.get(prefix + "outcome-preference")
                .mapValues(
                        v -> (PreferenceRecorded) v.event(), Named.as(prefix + "preference-event"))
                .to(
                        Topics.PREFERENCES.name(),
                        Produced.with(
                                        Serdes.ByteArray(),
                                        Topics.PREFERENCES.valueSerde(serdeConfig))
                                .withName(prefix + "preferences-sink"));
        routes.get(prefix + "outcome-rating")
                .mapValues(v -> (RatingRecorded) v.event(), Named.as(prefix + "rating-event"))
                .to(
                        Topics.RATINGS.name(),
                        Produced.with(Serdes.ByteArray(), Topics.RATINGS.valueSerde(serdeConfig))
                                .withName(prefix + "ratings-sink"));
        writeDeadLetters(routes.get(prefix + "outcome-dead"), prefix);
    }

    /** Dead letters (their bytes, reason in headers) to {@code rlhf.feedback.dlq}. */
    private static void writeDeadLetters(KStream<byte[], Routed> dead, String prefix) {
        dead.mapValues(Routed::bytes, Named.as(prefix + "dead-letter-bytes"))
                .to(
                        Topics.FEEDBACK_DLQ.name(),
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                                .withName(prefix + "dlq-sink"));
    }
}
