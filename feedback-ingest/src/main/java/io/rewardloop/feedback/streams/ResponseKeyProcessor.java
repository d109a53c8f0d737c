package io.rewardloop.feedback.streams;

import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code rlhf.responses} for completion: each response's facts, keyed by response id. The
 * values are read here rather than by the source, so that a record that cannot be read is skipped
 * with a warning instead of stopping the ingest (the scorer dead-letters it on {@code
 * rlhf.responses.dlq}; feedback naming it waits and is dead-lettered in turn).
 */
final class ResponseKeyProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseKeyProcessor.class);

    private final Deserializer<ResponseGenerated> deserializer;
    private ProcessorContext<byte[], byte[]> context;

    ResponseKeyProcessor(Map<String, ?> serdeConfig) {
        this.deserializer = Topics.RESPONSES.valueSerde(serdeConfig).deserializer();
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ResponseGenerated response;
        try {
            response =
                    record.value() == null
                            ? null
                            : deserializer.deserialize(
                                    Topics.RESPONSES.name(), record.headers(), record.value());
        } catch (RuntimeException e) {
            context.recordMetadata()
                    .ifPresent(
                            meta ->
                                    LOG.warn(
                                            "{}-{}@{} cannot be read; left out of completion: {}",
                                            meta.topic(),
                                            meta.partition(),
                                            meta.offset(),
                                            e.toString()));
            return;
        }
        if (response == null) {
            return;
        }
        context.forward(
                record.withKey(response.getResponseId().getBytes(StandardCharsets.UTF_8))
                        .withValue(ResponseFacts.of(response).bytes()));
    }

    @Override
    public void close() {
        deserializer.close();
    }
}
