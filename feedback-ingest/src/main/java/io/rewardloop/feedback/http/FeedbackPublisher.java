package io.rewardloop.feedback.http;

import io.rewardloop.feedback.ValidFeedback;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes accepted items to {@code rlhf.feedback}: key the feedback id (UTF-8), value the canonical
 * JSON, header {@value #SOURCE_HEADER} = {@code http}. The future completes when the broker
 * acknowledged (idempotent producer, {@code acks=all}), never before.
 */
public final class FeedbackPublisher {

    /** The header naming where a record on {@code rlhf.feedback} came from. */
    public static final String SOURCE_HEADER = "rlhf.feedback.source";

    /** The value of {@link #SOURCE_HEADER} for HTTP. */
    public static final String HTTP_SOURCE = "http";

    /**
     * The largest record value sent: below the broker's default {@code message.max.bytes} (1 MiB
     * and a little) and the producer's default {@code max.request.size}, with room for key and
     * headers.
     */
    public static final int MAX_RECORD_BYTES = 1_000_000;

    private static final byte[] HTTP_SOURCE_BYTES = HTTP_SOURCE.getBytes(StandardCharsets.UTF_8);

    private final Producer<byte[], byte[]> producer;

    /**
     * Creates a publisher over a producer the caller owns and closes.
     *
     * @param producer an idempotent, {@code acks=all} producer ({@link #createProducer})
     */
    public FeedbackPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /**
     * The producer the HTTP API needs: idempotent, {@code acks=all}, a short linger and 64 KiB
     * batches so that concurrent requests share batches, delivery given up after 30 s (the caller
     * gets a 503 and may retry), plus every passthrough client property (which win, but for
     * idempotence and acks).
     *
     * @param kafka the cluster settings
     * @return a new producer; the caller closes it
     */
    public static Producer<byte[], byte[]> createProducer(KafkaSettings kafka) {
        Map<String, Object> props = kafka.clientConfig();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        // A 100-item request is some 30 KB: room for several requests' records in one batch.
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "rlhf-feedback-http");
        // A caller waits for the answer: fail within seconds (503, retry) rather than minutes.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Sends one item.
     *
     * @param feedback the valid item
     * @param value its canonical JSON ({@link ValidFeedback#canonicalBytes()})
     * @param acked completed with the record's metadata once acknowledged, or exceptionally
     */
    void publish(ValidFeedback feedback, byte[] value, CompletableFuture<RecordMetadata> acked) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        Topics.FEEDBACK.name(),
                        feedback.feedbackId().getBytes(StandardCharsets.UTF_8),
                        value);
        record.headers().add(SOURCE_HEADER, HTTP_SOURCE_BYTES);
        try {
            producer.send(
                    record,
                    (metadata, error) -> {
                        if (error != null) {
                            acked.completeExceptionally(error);
                        } else {
                            acked.complete(metadata);
                        }
                    });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
    }
}
