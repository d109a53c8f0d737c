package io.rewardloop.feedback.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.rewardloop.feedback.FeedbackIndex;
import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.feedback.FieldError;
import io.rewardloop.feedback.Kind;
import io.rewardloop.feedback.ValidFeedback;
import io.rewardloop.feedback.Validated;
import io.rewardloop.feedback.http.ItemOutcome.Status;
import io.rewardloop.feedback.http.RequestBody.RejectedRequest;
import io.rewardloop.service.http.HttpService;
import io.rewardloop.service.http.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One feedback endpoint: reads the body, validates each item, answers what it can at once (invalid,
 * forbidden, duplicate, conflict), sends the rest to {@code rlhf.feedback} and answers when the
 * broker acknowledged them all, without holding a thread while it waits. The answer is built and
 * written on the {@code answering} executor, not on the thread that completes the last
 * acknowledgement: that is the producer's only network thread, and every request's answer written
 * there would delay every other request's records.
 */
final class FeedbackHandler {

    static final String SOURCE = FeedbackPublisher.HTTP_SOURCE;

    private final FeedbackValidator validator;
    private final FeedbackIndex index;
    private final FeedbackPublisher publisher;
    private final AnnotatorBinding binding;
    private final FeedbackMetrics metrics;
    private final long maxBodyBytes;
    private final int maxBatchItems;
    private final Executor answering;

    FeedbackHandler(
            FeedbackValidator validator,
            FeedbackIndex index,
            FeedbackPublisher publisher,
            AnnotatorBinding binding,
            FeedbackMetrics metrics,
            long maxBodyBytes,
            int maxBatchItems,
            Executor answering) {
        this.validator = validator;
        this.index = index;
        this.publisher = publisher;
        this.binding = binding;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBatchItems = maxBatchItems;
        this.answering = answering;
    }

    /**
     * Handles a POST.
     *
     * @param ctx the request
     * @param kind the kind the endpoint takes, or null for mixed
     * @param endpoint the path, for the timer
     */
    void handle(Context ctx, Kind kind, String endpoint) {
        Timer.Sample sample = Timer.start();
        Timer timer = metrics.timer(endpoint);
        List<JsonNode> items;
        boolean batch;
        try {
            JsonNode body = RequestBody.read(ctx, maxBodyBytes);
            batch = body.isObject() && body.has("items");
            items = batch ? batchItems(body) : List.of(body);
        } catch (RejectedRequest e) {
            metrics.rejected(e.reason, 1);
            HttpService.respond(ctx, e.problem);
            sample.stop(timer);
            return;
        }
        Optional<String> bound = binding.annotatorFor(ctx.header("Authorization"));
        List<ItemOutcome> outcomes = new ArrayList<>(items.size());
        Map<String, ValidFeedback> inThisRequest = new HashMap<>();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            outcomes.add(decide(i, items.get(i), kind, bound, inThisRequest));
        }
        // Sent only once every item is decided, back to back: the request's records then share
        // the producer's batches (a few produce requests per HTTP request, not one per linger).
        for (ItemOutcome outcome : outcomes) {
            if (outcome.ack != null) {
                publisher.publish(outcome.feedback, outcome.value, outcome.ack);
                acks.add(outcome.ack);
            }
        }
        boolean isBatch = batch;
        CompletableFuture<Void> all =
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        ctx.future(
                () ->
                        all.handleAsync(
                                (ignored, error) -> {
                                    count(outcomes);
                                    if (isBatch) {
                                        BatchAnswer.respond(ctx, outcomes);
                                    } else {
                                        respondSingle(ctx, outcomes.get(0));
                                    }
                                    sample.stop(timer);
                                    return null;
                                },
                                answering));
    }

    private List<JsonNode> batchItems(JsonNode body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        body.fieldNames()
                .forEachRemaining(
                        name -> {
                            if (!name.equals("items")) {
                                errors.add(
                                        new Problem.FieldError(
                                                "/" + name, "a batch has only \"items\""));
                            }
                        });
        JsonNode list = body.get("items");
        if (!list.isArray()) {
            errors.add(new Problem.FieldError("/items", "must be an array of items"));
        } else if (list.isEmpty() || list.size() > maxBatchItems) {
            errors.add(
                    new Problem.FieldError(
                            "/items",
                            "holds "
                                    + list.size()
                                    + " items: a batch holds 1 to "
                                    + maxBatchItems));
        }
        if (!errors.isEmpty()) {
            throw new RejectedRequest("batch", Problem.badRequest(errors));
        }
        List<JsonNode> items = new ArrayList<>(list.size());
        list.forEach(items::add);
        return items;
    }

    private ItemOutcome decide(
            int i,
            JsonNode item,
            Kind kind,
            Optional<String> bound,
            Map<String, ValidFeedback> inThisRequest) {
        Validated validated = validator.validate(item, kind, SOURCE);
        if (validated instanceof Validated.Invalid invalid) {
            return ItemOutcome.decided(i, null, Status.INVALID, invalid.errors(), null);
        }
        ValidFeedback feedback = ((Validated.Valid) validated).feedback();
        byte[] value = feedback.canonicalBytes();
        int recordBytes = value.length;
        if (recordBytes > FeedbackPublisher.MAX_RECORD_BYTES) {
            // Retrying cannot help, so this is the item's fault, not the broker's (503).
            return ItemOutcome.decided(
                    i,
                    null,
                    Status.INVALID,
                    List.of(
                            new FieldError(
                                    "",
                                    "the item is "
                                            + recordBytes
                                            + " bytes as a record, over the limit of "
                                            + FeedbackPublisher.MAX_RECORD_BYTES
                                            + ": shorten its texts")),
                    null);
        }
        String annotator = annotatorOf(feedback);
        if (bound.isPresent() && !bound.get().equals(annotator)) {
            return ItemOutcome.decided(
                    i,
                    feedback,
                    Status.FORBIDDEN,
                    List.of(
                            new FieldError(
                                    "/annotatorId",
                                    "this token may only post as annotator '" + bound.get() + "'")),
                    null);
        }
        String id = feedback.feedbackId();
        ValidFeedback earlier = inThisRequest.putIfAbsent(id, feedback);
        Optional<String> recorded =
                earlier != null ? Optional.of(earlier.contentHash()) : index.contentHash(id);
        if (recorded.isPresent()) {
            return recorded.get().equals(feedback.contentHash())
                    ? ItemOutcome.decided(i, feedback, Status.DUPLICATE, List.of(), null)
                    : ItemOutcome.decided(
                            i,
                            feedback,
                            Status.CONFLICT,
                            List.of(),
                            "feedback id '" + id + "' is already recorded with other content");
        }
        return ItemOutcome.toSend(i, feedback, value);
    }

    private static String annotatorOf(ValidFeedback feedback) {
        return feedback instanceof ValidFeedback.ValidPreference p
                ? p.event().getAnnotatorId()
                : ((ValidFeedback.ValidRating) feedback).event().getAnnotatorId();
    }

    private void count(List<ItemOutcome> outcomes) {
        Map<String, Integer> rejected = new HashMap<>();
        for (ItemOutcome outcome : outcomes) {
            switch (outcome.status()) {
                case ACCEPTED -> metrics.accepted(outcome.feedback.kind());
                case DUPLICATE -> metrics.duplicate();
                default -> rejected.merge(outcome.status().wireName(), 1, Integer::sum);
            }
        }
        rejected.forEach(metrics::rejected);
    }

    private static void respondSingle(Context ctx, ItemOutcome outcome) {
        switch (outcome.status()) {
            case ACCEPTED, DUPLICATE -> {
                ObjectNode body = FeedbackJson.MAPPER.createObjectNode();
                body.put("feedbackId", outcome.feedbackId());
                body.put("status", outcome.status().wireName());
                ctx.status(outcome.status() == Status.ACCEPTED ? 201 : 200)
                        .contentType("application/json")
                        .result(FeedbackJson.write(body));
            }
            case INVALID -> HttpService.respond(ctx, Problem.badRequest(outcome.problemErrors()));
            case FORBIDDEN ->
                    HttpService.respond(
                            ctx,
                            new Problem(
                                    "about:blank",
                                    "Forbidden",
                                    403,
                                    "the token is bound to another annotator",
                                    outcome.problemErrors()));
            case CONFLICT -> HttpService.respond(ctx, Problem.of(409, "Conflict", outcome.detail));
            case UNAVAILABLE ->
                    HttpService.respond(
                            ctx,
                            Problem.of(
                                    503,
                                    "Service Unavailable",
                                    "the broker did not acknowledge the item: retry, a retry is"
                                            + " safe"));
        }
    }
}
