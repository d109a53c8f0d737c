package io.rewardloop.feedback.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.feedback.MalformedJsonException;
import io.rewardloop.feedback.ValidFeedback;
import io.rewardloop.feedback.Validated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
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
 *
 * <p>An item whose record is already keyed by its feedback id, on the partition the repartition by
 * feedback id would choose (the HTTP API's records, and those of any producer that keys by the id
 * with Kafka's default partitioner), goes straight to de-duplication in this task ({@link
 * Routed.Route#IN_PLACE}): the task that owns partition p of {@code rlhf.feedback} also owns
 * partition p of the repartition topic, which has as many partitions, so every record of one id
 * still meets one store. That skips a write and a read of the repartition topic and a second
 * validation.
 */
final class FeedbackParseProcessor implements Processor<byte[], byte[], byte[], Routed> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackParseProcessor.class);

    private final FeedbackValidator validator;
    private final FeedbackStreamListener listener;
    private final int partitions;
    private ProcessorContext<byte[], Routed> context;

    /**
     * Creates the step.
     *
     * @param validator checks items
     * @param listener told about dead letters
     * @param partitions of {@code rlhf.feedback} and of the repartition by feedback id
     */
    FeedbackParseProcessor(
            FeedbackValidator validator, FeedbackStreamListener listener, int partitions) {
        this.validator = validator;
        this.listener = listener;
        this.partitions = partitions;
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
        RecordMetadata meta = context.recordMetadata().orElse(null);
        if (meta != null) {
            FeedbackHeaders.putOrigin(headers, meta);
        }
        byte[] id = feedback.feedbackId().getBytes(StandardCharsets.UTF_8);
        Routed next =
                meta != null && inPlace(record.key(), id, meta.partition())
                        ? Routed.inPlace(feedback, canonical)
                        : Routed.valid(canonical);
        context.forward(new Record<>(id, next, record.timestamp(), headers));
    }

    /**
     * Whether a record keyed {@code key} on {@code partition} already sits where the repartition by
     * feedback id would put {@code id}: the same key, and the partition Kafka's default partitioner
     * (which Streams' repartition uses) gives it.
     */
    boolean inPlace(byte[] key, byte[] id, int partition) {
        return Arrays.equals(key, id)
                && Utils.toPositive(Utils.murmur2(id)) % partitions == partition;
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
