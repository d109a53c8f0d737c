package io.rewardloop.feedback.streams;

import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Completion: feedback that names responses by id only gets the texts, and the prompt and prompt id
 * when it has none, from {@code rlhf.responses}, so that consumers of {@code rlhf.preferences} and
 * {@code rlhf.ratings} always see whole records. A stream-table style join written as two
 * processors, because a preference can wait for two responses and either side can come first:
 *
 * <pre>
 * recorded item naming responses by id (after dedup: a retry is still a duplicate)
 *   -> one lookup per response id it names without text (a preference: up to two; an item with
 *      every text but no prompt: its first response)
 *   -> re-key by response id (repartition "completion-lookups")     \
 * rlhf.responses (key promptId) -> facts {promptId, prompt, text}   |  same partition count
 *   -> re-key by response id (repartition "completion-responses")   /
 *   -> lookup (ResponseLookupProcessor), by response id:
 *        response     -> {@value #RESPONSES_STORE} (window store, kept `retention` in record time)
 *                        and answers every item in {@value #WAITING_STORE} waiting for it
 *        lookup       -> answered at once from {@value #RESPONSES_STORE}, else waits in
 *                        {@value #WAITING_STORE} (response id + feedback id -> item, with the time
 *                        it began to wait)
 *        wall clock   -> items that waited `maxWait`: answered "did not arrive"
 *   -> re-key by feedback id (repartition "completion-answers")
 *   -> complete (FeedbackCompletionProcessor), by feedback id: the first of two answers waits in
 *        {@value #PARTIAL_STORE}; with every answer: fill in texts, prompt, prompt id; validate
 *        again -> PreferenceRecorded / RatingRecorded
 *        did not arrive          -> dead letter "incomplete: response r-1 did not arrive on ..."
 *        another prompt          -> dead letter "conflict: prompt of response r-1 differs ..."
 * </pre>
 *
 * <p>The repartition topics have the given partition count, so that lookups and responses, which
 * meet in one processor, are co-partitioned whatever the partition counts of {@code rlhf.feedback}
 * and {@code rlhf.responses}. Responses are kept at least {@code retention} of record time (the
 * window store drops whole segments); feedback naming a response already dropped, or one that never
 * comes, waits and is then dead-lettered.
 */
final class CompletionTopology {

    /** Responses by response id, a window store (retention: {@link CompletionSettings}). */
    static final String RESPONSES_STORE = "feedback-completion-responses";

    /**
     * Items waiting for a response: {@code <length of response id>:<response id>:<feedback id>} ->
     * {@link WaitingFeedback}.
     */
    static final String WAITING_STORE = "feedback-completion-waiting";

    /** The first answer of an item that waits for two: feedback id -> {@link CompletionAnswer}. */
    static final String PARTIAL_STORE = "feedback-completion-partial";

    private CompletionTopology() {}

    /**
     * Adds completion to a topology.
     *
     * @param builder the topology's builder
     * @param pending recorded items that name responses by id only ({@link Routed.Route#PENDING}),
     *     keyed by feedback id
     * @param validator checks each completed item again (text limits, objectives)
     * @param serdeConfig the event serdes' settings, to read {@code rlhf.responses}
     * @param listener told about completed and dead-lettered items
     * @param settings the wait and the retention
     * @param partitions of the completion's repartition topics
     * @return events ({@link Routed.Route#PREFERENCE}, {@link Routed.Route#RATING}) and dead
     *     letters, keyed by feedback id
     */
    static KStream<byte[], Routed> attach(
            StreamsBuilder builder,
            KStream<byte[], Routed> pending,
            FeedbackValidator validator,
            Map<String, ?> serdeConfig,
            FeedbackStreamListener listener,
            CompletionSettings settings,
            int partitions) {
        addStores(builder, settings.retention());
        KStream<byte[], Routed> lookups =
                pending.flatMap(CompletionTopology::lookups, Named.as("completion-lookup-requests"))
                        .repartition(repartitioned("completion-lookups", partitions))
                        .mapValues(Routed::pending, Named.as("completion-lookup-items"));
        KStream<byte[], Routed> responses =
                builder.stream(
                                Topics.RESPONSES.name(),
                                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                                        .withName("responses-source"))
                        .process(
                                () -> new ResponseKeyProcessor(serdeConfig),
                                Named.as("response-facts"))
                        .repartition(repartitioned("completion-responses", partitions))
                        .mapValues(Routed::response, Named.as("completion-responses-in"));
        return lookups.merge(responses, Named.as("completion-join-input"))
                .process(
                        () -> new ResponseLookupProcessor(settings),
                        Named.as("completion-lookup"),
                        RESPONSES_STORE,
                        WAITING_STORE)
                .repartition(repartitioned("completion-answers", partitions))
                .process(
                        () -> new FeedbackCompletionProcessor(validator, settings, listener),
                        Named.as("completion"),
                        PARTIAL_STORE);
    }

    private static void addStores(StreamsBuilder builder, Duration retention) {
        builder.addStateStore(
                Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                RESPONSES_STORE, retention, Duration.ofMillis(1), false),
                        Serdes.String(),
                        Serdes.ByteArray()));
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(WAITING_STORE),
                        Serdes.String(),
                        Serdes.ByteArray()));
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(PARTIAL_STORE),
                        Serdes.String(),
                        Serdes.ByteArray()));
    }

    /** One record per response id the item names by id only, keyed by it; value: the item. */
    private static List<KeyValue<byte[], byte[]>> lookups(byte[] feedbackId, Routed item) {
        return ItemCompletion.missingIds(FeedbackJson.parse(item.bytes())).stream()
                .map(id -> KeyValue.pair(id.getBytes(StandardCharsets.UTF_8), item.bytes()))
                .toList();
    }

    private static Repartitioned<byte[], byte[]> repartitioned(String name, int partitions) {
        return Repartitioned.<byte[], byte[]>as(name)
                .withKeySerde(Serdes.ByteArray())
                .withValueSerde(Serdes.ByteArray())
                .withNumberOfPartitions(partitions);
    }
}
