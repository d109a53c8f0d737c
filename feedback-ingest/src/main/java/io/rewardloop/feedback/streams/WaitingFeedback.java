package io.rewardloop.feedback.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.feedback.FeedbackJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A recorded feedback item waiting for a response it names, with what its event or dead letter will
 * need: the source and time of the item, and where it was read from {@code rlhf.feedback}.
 *
 * @param feedbackId the feedback id
 * @param item the item's canonical JSON (a tree, so that it is not escaped inside the JSON of this
 *     record)
 * @param source the event's source ({@code http}, {@code kafka}, ...)
 * @param createdAt the event's time, epoch milliseconds
 * @param originTopic where the item was read, for the dead letter's headers; null when unknown
 * @param originPartition its partition, -1 when unknown
 * @param originOffset its offset, -1 when unknown
 * @param since when it started waiting, wall-clock epoch milliseconds
 */
record WaitingFeedback(
        String feedbackId,
        ObjectNode item,
        String source,
        long createdAt,
        String originTopic,
        int originPartition,
        long originOffset,
        long since) {

    /**
     * The waiting form of an item arriving for completion (its headers say the source and origin).
     */
    static WaitingFeedback of(Record<?, Routed> record, long now) {
        Headers headers = record.headers();
        ObjectNode item = (ObjectNode) FeedbackJson.parse(record.value().bytes());
        return new WaitingFeedback(
                item.path("feedbackId").textValue(),
                item,
                FeedbackHeaders.source(headers),
                record.timestamp(),
                FeedbackHeaders.text(headers, FeedbackHeaders.ORIGIN_TOPIC).orElse(null),
                FeedbackHeaders.text(headers, FeedbackHeaders.ORIGIN_PARTITION)
                        .map(Integer::parseInt)
                        .orElse(-1),
                FeedbackHeaders.text(headers, FeedbackHeaders.ORIGIN_OFFSET)
                        .map(Long::parseLong)
                        .orElse(-1L),
                now);
    }

    boolean expired(long now, long waitMillis) {
        return now - since >= waitMillis;
    }

    /** Its dead letter: the canonical JSON keyed by feedback id, naming the original record. */
    Record<byte[], Routed> deadLetter(String reason) {
        Headers headers = new RecordHeaders();
        FeedbackHeaders.put(headers, FeedbackHeaders.SOURCE, source);
        return FeedbackHeaders.deadLetter(
                new Record<>(
                        feedbackId.getBytes(StandardCharsets.UTF_8),
                        FeedbackJson.write(item).getBytes(StandardCharsets.UTF_8),
                        createdAt,
                        headers),
                originTopic,
                originPartition,
                originOffset,
                reason,
                null);
    }
}
