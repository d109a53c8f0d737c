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
 * dedup store's changelog -> global table {@value #INDEX_STORE} (every instance holds every id:
 * the {@link io.rewardloop.feedback.FeedbackIndex} the HTTP API asks)
 * </pre>
 *
 * <p>Dead-letter reasons start with a category: {@value #MALFORMED} (not UTF-8, not JSON, no
 * value), {@value #INVALID} (field errors, each as {@code pointer: message}) or {@value #CONFLICT}.
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

    /** Dead-letter reason category: the id was recorded with other content. */
    public static final String CONFLICT = "conflict";

    /**
     * The largest item, as canonical JSON bytes, that goes on: larger items are dead-lettered
     * ({@value #INVALID}), since their repartition record or event would exceed the producers'
     * default {@code max.request.size} (1 MiB) and stop the application. 1,000,000 bytes leaves
     * room for headers and the record batch.
     */
    public static final int MAX_ITEM_BYTES = 1_000_000;

    private FeedbackTopology() {}

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
     * @param listener told about recorded, duplicate and dead-lettered items
     * @return the topology
     */
    public static Topology build(
            String applicationId,
            FeedbackValidator validator,
            Map<String, ?> serdeConfig,
            FeedbackStreamListener listener) {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(listener, "listener");
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
                        .branch((k, v) -> v.is(Routed.Route.PREFERENCE), Branched.as("preference"))
                        .branch((k, v) -> v.is(Routed.Route.RATING), Branched.as("rating"))
                        .defaultBranch(Branched.as("dead"));

        deduped.get("deduped-preference")
                .mapValues(v -> (PreferenceRecorded) v.event(), Named.as("preference-event"))
                .to(
                        Topics.PREFERENCES.name(),
                        Produced.with(
                                        Serdes.ByteArray(),
                                        Topics.PREFERENCES.valueSerde(serdeConfig))
                                .withName("preferences-sink"));
        deduped.get("deduped-rating")
                .mapValues(v -> (RatingRecorded) v.event(), Named.as("rating-event"))
                .to(
                        Topics.RATINGS.name(),
                        Produced.with(Serdes.ByteArray(), Topics.RATINGS.valueSerde(serdeConfig))
                                .withName("ratings-sink"));
        parsed.get("parsed-dead")
                .merge(deduped.get("deduped-dead"), Named.as("dead-letters"))
                .mapValues(Routed::bytes, Named.as("dead-letter-bytes"))
                .to(
                        Topics.FEEDBACK_DLQ.name(),
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dlq-sink"));

        builder.globalTable(
                dedupChangelog(applicationId),
                Consumed.with(Serdes.String(), Serdes.String()).withName("index-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(INDEX_STORE)
                        .withCachingDisabled());
        return builder.build();
    }
}
