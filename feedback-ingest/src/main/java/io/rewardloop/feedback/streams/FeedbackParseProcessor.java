package io.rewardloop.feedback.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.feedback.MalformedJsonException;
import io.rewardloop.feedback.ValidFeedback;
import io.rewardloop.feedback.Validated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step: raw bytes from {@code rlhf.feedback} -> strict UTF-8 JSON -> validation. A valid item
 * goes on keyed by its feedback id, as its canonical JSON (so the key of the input record does not
 * matter); anything else becomes a dead letter with the reason.
 */
final class FeedbackParseProcessor implements Processor<byte[], byte[], byte[], Routed> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackParseProcessor.class);

    private final FeedbackValidator validator;
    private final FeedbackStreamListener listener;
    private ProcessorContext<byte[], Routed> context;

    FeedbackParseProcessor(FeedbackValidator validator, FeedbackStreamListener listener) {
        this.validator = validator;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String source = FeedbackHeaders.source(record.headers());
        JsonNode item;
        try {
            if (record.value() == null) {
                throw new MalformedJsonException("the record has no value (null)");
            }
            item = FeedbackJson.parse(record.value());
        } catch (MalformedJsonException e) {
            deadLetter(record, FeedbackTopology.MALFORMED + ": " + e.getMessage(), e);
            return;
        }
        Validated result =
                validator.validate(item, null, source, Instant.ofEpochMilli(record.timestamp()));
        if (result instanceof Validated.Invalid invalid) {
            deadLetter(record, FeedbackTopology.INVALID + ": " + invalid.summary(), null);
            return;
        }
        ValidFeedback feedback = ((Validated.Valid) result).feedback();
        byte[] canonical = feedback.canonicalBytes();
        if (canonical.length > FeedbackTopology.MAX_ITEM_BYTES) {
            // Would not fit a record of the repartition topic (or its event a record of the
            // output topic): a poison pill that would stop the application, so a dead letter.
            deadLetter(record, FeedbackTopology.tooLarge(canonical.length), null);
            return;
        }
        Headers headers = new RecordHeaders();
        FeedbackHeaders.put(headers, FeedbackHeaders.SOURCE, source);
        context.recordMetadata().ifPresent(meta -> FeedbackHeaders.putOrigin(headers, meta));
        context.forward(
                new Record<>(
                        feedback.feedbackId().getBytes(StandardCharsets.UTF_8),
                        Routed.valid(canonical),
                        record.timestamp(),
                        headers));
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason, Throwable error) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        LOG.warn(
                "feedback record {}-{}@{} dead-lettered: {}",
                meta == null ? "?" : meta.topic(),
                meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(),
                reason);
        context.forward(
                FeedbackHeaders.deadLetter(
                        record,
                        meta == null ? null : meta.topic(),
                        meta == null ? -1 : meta.partition(),
                        meta == null ? -1 : meta.offset(),
                        reason,
                        error));
        listener.deadLettered(reason.substring(0, reason.indexOf(':')));
    }
}
