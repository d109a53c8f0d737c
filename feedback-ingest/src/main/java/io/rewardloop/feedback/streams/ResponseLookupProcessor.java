package io.rewardloop.feedback.streams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The join, on records keyed (and partitioned) by response id: responses from {@code
 * rlhf.responses} and items waiting for them meet here, in either order. A response is kept ({@link
 * CompletionTopology#RESPONSES_STORE}) and answers every item waiting for it; an item finds the
 * response there or waits ({@link CompletionTopology#WAITING_STORE}, one entry per response id and
 * feedback id). A wall-clock punctuator answers "did not arrive" for items that waited {@link
 * CompletionSettings#maxWait()}. Every answer goes on keyed by feedback id; each item gets exactly
 * one answer per response it waits for.
 */
final class ResponseLookupProcessor implements Processor<byte[], Routed, byte[], byte[]> {

    private static final StringSerializer KEYS = new StringSerializer();

    private final CompletionSettings settings;
    private ProcessorContext<byte[], byte[]> context;
    private WindowStore<String, byte[]> responses;
    private KeyValueStore<String, byte[]> waiting;

    ResponseLookupProcessor(CompletionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.responses = context.getStateStore(CompletionTopology.RESPONSES_STORE);
        this.waiting = context.getStateStore(CompletionTopology.WAITING_STORE);
        context.schedule(
                settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireWaiting);
    }

    @Override
    public void process(Record<byte[], Routed> record) {
        String responseId = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value().is(Routed.Route.RESPONSE)) {
            byte[] facts = record.value().bytes();
            // Kept in record time: the window store drops it with its segment once stream time
            // has passed the retention.
            responses.put(responseId, facts, record.timestamp());
            answerWaiting(responseId, ResponseFacts.read(facts));
            return;
        }
        WaitingFeedback item = WaitingFeedback.of(record, context.currentSystemTimeMs());
        byte[] known = latest(responseId);
        if (known != null) {
            answer(item, responseId, ResponseFacts.read(known));
        } else {
            waiting.put(waitingKey(responseId) + item.feedbackId(), CompletionJson.write(item));
        }
    }

    /**
     * The prefix of a response id's entries in the waiting store. Its length goes first, so that no
     * other response id's entries share the prefix.
     */
    private static String waitingKey(String responseId) {
        return responseId.length() + ":" + responseId + ":";
    }

    private static String responseIdOf(String waitingKey) {
        int colon = waitingKey.indexOf(':');
        int length = Integer.parseInt(waitingKey.substring(0, colon));
        return waitingKey.substring(colon + 1, colon + 1 + length);
    }

    private byte[] latest(String responseId) {
        try (WindowStoreIterator<byte[]> newestFirst =
                responses.backwardFetch(responseId, 0L, Long.MAX_VALUE)) {
            return newestFirst.hasNext() ? newestFirst.next().value : null;
        }
    }

    private void answerWaiting(String responseId, ResponseFacts response) {
        List<KeyValue<String, byte[]>> entries = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> named =
                waiting.prefixScan(waitingKey(responseId), KEYS)) {
            named.forEachRemaining(entries::add);
        }
        for (KeyValue<String, byte[]> entry : entries) {
            answer(CompletionJson.read(entry.value, WaitingFeedback.class), responseId, response);
            waiting.delete(entry.key);
        }
    }

    /**
     * Answers with the response. An answer too large for a record (the item and the response
     * together over {@link FeedbackTopology#MAX_ITEM_BYTES}) goes without the response, as a
     * problem: the completed item would be too large as well.
     */
    private void answer(WaitingFeedback item, String responseId, ResponseFacts response) {
        byte[] answer = new CompletionAnswer(item, responseId, response, null).bytes();
        if (answer.length > FeedbackTopology.MAX_ITEM_BYTES) {
            answer =
                    new CompletionAnswer(
                                    item,
                                    responseId,
                                    null,
                                    FeedbackTopology.INVALID
                                            + ": response "
                                            + responseId
                                            + " is too large to fill in ("
                                            + answer.length
                                            + " bytes with the item, over the limit of "
                                            + FeedbackTopology.MAX_ITEM_BYTES
                                            + ")")
                            .bytes();
        }
        forward(item, answer);
    }

    private void forward(WaitingFeedback item, byte[] answer) {
        context.forward(
                new Record<>(
                        item.feedbackId().getBytes(StandardCharsets.UTF_8),
                        answer,
                        item.createdAt(),
                        new RecordHeaders()));
    }

    /** Answers "did not arrive" for every item whose wait is over. */
    private void expireWaiting(long now) {
        long waitMillis = settings.maxWait().toMillis();
        List<KeyValue<String, byte[]>> entries = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = waiting.all()) {
            all.forEachRemaining(entries::add);
        }
        for (KeyValue<String, byte[]> entry : entries) {
            WaitingFeedback item = CompletionJson.read(entry.value, WaitingFeedback.class);
            if (item.expired(now, waitMillis)) {
                forward(
                        item,
                        new CompletionAnswer(item, responseIdOf(entry.key), null, null).bytes());
                waiting.delete(entry.key);
            }
        }
    }
}
