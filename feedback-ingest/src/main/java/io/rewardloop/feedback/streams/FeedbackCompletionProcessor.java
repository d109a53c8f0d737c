package io.rewardloop.feedback.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.feedback.ValidFeedback;
import io.rewardloop.feedback.Validated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last step of completion, on answers keyed (and partitioned) by feedback id: once an item has its
 * answer for every response it names (a preference naming two waits in {@link
 * CompletionTopology#PARTIAL_STORE} for the second), it is filled in and checked again by the
 * validator, then becomes its event; a response that did not arrive, a response to another prompt,
 * or a filled-in item that fails validation makes it a dead letter instead.
 */
final class FeedbackCompletionProcessor implements Processor<byte[], byte[], byte[], Routed> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackCompletionProcessor.class);

    private final FeedbackValidator validator;
    private final CompletionSettings settings;
    private final FeedbackStreamListener listener;
    private ProcessorContext<byte[], Routed> context;
    private KeyValueStore<String, byte[]> partial;

    FeedbackCompletionProcessor(
            FeedbackValidator validator,
            CompletionSettings settings,
            FeedbackStreamListener listener) {
        this.validator = validator;
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.partial = context.getStateStore(CompletionTopology.PARTIAL_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        CompletionAnswer answer = CompletionAnswer.read(record.value());
        WaitingFeedback feedback = answer.feedback();
        List<CompletionAnswer> answers = List.of(answer);
        if (ItemCompletion.missingIds(feedback.item()).size() > 1) {
            byte[] first = partial.get(feedback.feedbackId());
            if (first == null) {
                partial.put(feedback.feedbackId(), record.value());
                return;
            }
            partial.delete(feedback.feedbackId());
            answers = List.of(CompletionAnswer.read(first), answer);
        }
        complete(feedback, answers);
    }

    private void complete(WaitingFeedback feedback, List<CompletionAnswer> answers) {
        for (CompletionAnswer answer : answers) {
            String failure = answer.failure(settings);
            if (failure != null) {
                deadLetter(feedback, failure);
                return;
            }
        }
        ObjectNode item = feedback.item().deepCopy();
        for (CompletionAnswer answer : answers) {
            Optional<String> conflict = ItemCompletion.fill(item, answer.response());
            if (conflict.isPresent()) {
                deadLetter(feedback, conflict.get());
                return;
            }
        }
        Validated result =
                validator.validate(
                        item, null, feedback.source(), Instant.ofEpochMilli(feedback.createdAt()));
        if (result instanceof Validated.Invalid invalid) {
            deadLetter(feedback, FeedbackTopology.INVALID + ": " + invalid.summary());
            return;
        }
        ValidFeedback completed = ((Validated.Valid) result).feedback();
        int size = completed.canonicalBytes().length;
        if (size > FeedbackTopology.MAX_ITEM_BYTES) {
            deadLetter(feedback, FeedbackTopology.tooLarge(size));
            return;
        }
        context.forward(
                new Record<>(
                        feedback.feedbackId().getBytes(StandardCharsets.UTF_8),
                        Routed.event(Routed.Route.of(completed), completed.event()),
                        feedback.createdAt(),
                        new RecordHeaders()));
        listener.recorded(completed.kind());
        listener.completed(completed.kind());
    }

    private void deadLetter(WaitingFeedback feedback, String reason) {
        LOG.warn(
                "feedback {} ({}-{}@{}) dead-lettered: {}",
                feedback.feedbackId(),
                feedback.originTopic(),
                feedback.originPartition(),
                feedback.originOffset(),
                reason);
        context.forward(feedback.deadLetter(reason));
        listener.deadLettered(reason.substring(0, reason.indexOf(':')));
    }
}
