package io.rewardloop.feedback.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.FieldError;
import io.rewardloop.feedback.ValidFeedback;
import io.rewardloop.service.http.Problem;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What became of one item of a request: decided at once (invalid, forbidden, duplicate, conflict),
 * or to be sent, then waiting for the broker's acknowledgement.
 */
final class ItemOutcome {

    /** The item's answer. */
    enum Status {
        ACCEPTED,
        DUPLICATE,
        INVALID,
        FORBIDDEN,
        CONFLICT,
        UNAVAILABLE;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    final int index;
    final ValidFeedback feedback;
    final List<FieldError> errors;
    final String detail;
    private final Status decided;

    /** The record value to send (the canonical JSON); null when decided at once. */
    final byte[] value;

    /** Completes when the broker acknowledged the record; null when decided at once. */
    final CompletableFuture<RecordMetadata> ack;

    private ItemOutcome(
            int index,
            ValidFeedback feedback,
            Status decided,
            List<FieldError> errors,
            String detail,
            byte[] value) {
        this.index = index;
        this.feedback = feedback;
        this.decided = decided;
        this.errors = errors;
        this.detail = detail;
        this.value = value;
        this.ack = value == null ? null : new CompletableFuture<>();
    }

    static ItemOutcome decided(
            int index,
            ValidFeedback feedback,
            Status status,
            List<FieldError> errors,
            String detail) {
        return new ItemOutcome(index, feedback, status, errors, detail, null);
    }

    static ItemOutcome toSend(int index, ValidFeedback feedback, byte[] value) {
        return new ItemOutcome(index, feedback, null, List.of(), null, value);
    }

    /** The status; for a sent item, call only once its acknowledgement is done. */
    Status status() {
        if (ack == null) {
            return decided;
        }
        return ack.isDone() && !ack.isCompletedExceptionally()
                ? Status.ACCEPTED
                : Status.UNAVAILABLE;
    }

    String feedbackId() {
        return feedback == null ? null : feedback.feedbackId();
    }

    List<Problem.FieldError> problemErrors() {
        return errors.stream().map(e -> new Problem.FieldError(e.pointer(), e.message())).toList();
    }

    /** The item's entry in a batch answer. */
    ObjectNode toJson() {
        ObjectNode node = FeedbackJson.MAPPER.createObjectNode();
        node.put("index", index);
        if (feedback != null) {
            node.put("feedbackId", feedback.feedbackId());
        }
        node.put("status", status().wireName());
        String why =
                status() == Status.UNAVAILABLE ? "the broker did not acknowledge: retry" : detail;
        if (why != null) {
            node.put("detail", why);
        }
        if (!errors.isEmpty()) {
            ArrayNode list = node.putArray("errors");
            for (FieldError error : errors) {
                list.addObject().put("pointer", error.pointer()).put("detail", error.message());
            }
        }
        return node;
    }
}
