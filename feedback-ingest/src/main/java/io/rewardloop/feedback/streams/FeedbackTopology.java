package io.rewardloop.feedback.streams;

import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.schemas.Topics;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The feedback ingest topology, as a pure function of its inputs (no I/O, no environment):
 *
 * <pre>
 * rlhf.feedback (bytes) -> parse (strict UTF-8 JSON) -> validate ---invalid/malformed--> rlhf.feedback.dlq
 *   -> re-key by feedbackId (repartition "by-feedback-id", value = canonical JSON)
 *   -> dedup (store {@value #DEDUP_STORE}: feedbackId -> contentHash, changelog in Kafka)
 *        first        -> PreferenceRecorded to rlhf.preferences / RatingRecorded to rlhf.ratings
 *        same hash    -> dropped (a retry)
 *        other hash   -> rlhf.feedback.dlq, reason "conflict: ..."
 *        first, naming a response by id only -> completion from rlhf.responses
 *                        (see {@link CompletionTopology}) -> the same event topics or the DLQ
 * dedup store's changelog -> global table {@value #INDEX_STORE} (every instance holds every id:
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
     * The name of the dedup store's changelog topic, which the index reads as a global table. It
     * must exist before the application starts (the global table is initialized first), so the
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
     * @param partitions of completion's repartition topics (the service: those of {@code
     *     rlhf.feedback})
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
                                () -> new FeedbackParseProcessor(validator, listener),
                                Named.as("parse"))
                        .split(Named.as("parsed-"))
                        .branch((k, v) -> v.is(Routed.Route.VALID), Branched.as("valid"))
                        .defaultBranch(Branched.as("dead"));

        Map<String, KStream<byte[], Routed>> deduped =
                parsed.get("parsed-valid")
                        .mapValues(Routed::bytes, Named.as("canonical-json"))
                        .repartition(
                                Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray())
                                        .withName(REPARTITION))
                        .process(
                                () -> new FeedbackDedupProcessor(validator, listener),
                                Named.as("dedup"),
                                DEDUP_STORE)
                        .split(Named.as("deduped-"))
                        .branch((k, v) -> v.is(Routed.Route.PENDING), Branched.as("pending"))
                        .defaultBranch(Branched.as("done"));

        // Each stage writes its own outcomes: a merge across the repartition would put the parse
        // and the dedup into one sub-topology, whose tasks then read two partitions and pay Kafka
        // Streams' per-record readiness check for partitions that are momentarily empty.
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

        builder.globalTable(
                dedupChangelog(applicationId),
                Consumed.with(Serdes.String(), Serdes.String()).withName("index-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(INDEX_STORE)
                        .withCachingDisabled());
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
