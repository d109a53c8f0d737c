package io.rewardloop.feedback.streams;

import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.FeedbackValidator;
import io.rewardloop.feedback.MalformedJsonException;
import io.rewardloop.feedback.ValidFeedback;
import io.rewardloop.feedback.Validated;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second step, on records keyed (and partitioned) by feedback id: the first item with an id becomes
 * its event (or, when it names a response by id only, goes to completion) and its content hash goes
 * into the store; the same id with the same hash again is dropped (a retry); the same id with
 * another hash is a conflict and a dead letter. The store's changelog is in Kafka and written in
 * the same transaction as the event, so the decision survives restarts and moves with the partition
 * to another instance.
 */
final class FeedbackDedupProcessor implements Processor<byte[], Routed, byte[], Routed> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackDedupProcessor.class);

    private final FeedbackValidator validator;
    private final FeedbackStreamListener listener;
    private ProcessorContext<byte[], Routed> context;
    private KeyValueStore<String, String> hashes;

    FeedbackDedupProcessor(FeedbackValidator validator, FeedbackStreamListener listener) {
        this.validator = validator;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.hashes = context.getStateStore(FeedbackTopology.DEDUP_STORE);
    }

    @Override
    public void process(Record<byte[], Routed> record) {
        byte[] canonical = record.value().bytes();
        ValidFeedback feedback = record.value().feedback();
        if (feedback == null) {
            // From the repartition topic: the first step's canonical JSON, validated again.
            Validated result;
            try {
                result =
                        validator.validate(
                                FeedbackJson.parse(canonical),
                                null,
                                FeedbackHeaders.source(record.headers()),
                                Instant.ofEpochMilli(record.timestamp()));
            } catch (MalformedJsonException e) {
                // Cannot happen for the first step's canonical JSON; kept out of the events all
                // the same.
                deadLetter(record, FeedbackTopology.MALFORMED + ": " + e.getMessage());
                return;
            }
            if (result instanceof Validated.Invalid invalid) {
                deadLetter(record, FeedbackTopology.INVALID + ": " + invalid.summary());
                return;
            }
            feedback = ((Validated.Valid) result).feedback();
        }
        String id = feedback.feedbackId();
        String known = hashes.get(id);
        if (known == null) {
            hashes.put(id, feedback.contentHash());
            if (ItemCompletion.isIncomplete(feedback.event())) {
                // Recorded here, so that a retry stays a duplicate; its event comes from
                // completion. The headers (source, origin) go with it.
                context.forward(
                        new Record<>(
                                record.key(),
                                Routed.pending(canonical),
                                record.timestamp(),
                                record.headers()));
                return;
            }
            context.forward(
                    new Record<>(
                            record.key(),
                            Routed.event(Routed.Route.of(feedback), feedback.event()),
                            record.timestamp(),
                            new RecordHeaders()));
            listener.recorded(feedback.kind());
        } else if (known.equals(feedback.contentHash())) {
            LOG.debug("feedback {} already recorded: duplicate dropped", id);
            listener.duplicate(feedback.kind());
        } else {
            deadLetter(
                    record,
                    FeedbackTopology.CONFLICT
                            + ": feedback id "
                            + id
                            + " already recorded with other content");
        }
    }

    private void deadLetter(Record<byte[], Routed> record, String reason) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic =
                FeedbackHeaders.text(record.headers(), FeedbackHeaders.ORIGIN_TOPIC)
                        .orElse(meta == null ? null : meta.topic());
        int partition =
                FeedbackHeaders.text(record.headers(), FeedbackHeaders.ORIGIN_PARTITION)
                        .map(Integer::parseInt)
                        .orElse(meta == null ? -1 : meta.partition());
        long offset =
                FeedbackHeaders.text(record.headers(), FeedbackHeaders.ORIGIN_OFFSET)
                        .map(Long::parseLong)
                        .orElse(meta == null ? -1L : meta.offset());
        LOG.warn("feedback record {}-{}@{} dead-lettered: {}", topic, partition, offset, reason);
        record.headers().remove(FeedbackHeaders.ORIGIN_TOPIC);
        record.headers().remove(FeedbackHeaders.ORIGIN_PARTITION);
        record.headers().remove(FeedbackHeaders.ORIGIN_OFFSET);
        context.forward(
                FeedbackHeaders.deadLetter(
                        record.withValue(record.value().bytes()),
                        topic,
                        partition,
                        offset,
                        reason,
                        null));
        listener.deadLettered(reason.substring(0, reason.indexOf(':')));
    }
}
