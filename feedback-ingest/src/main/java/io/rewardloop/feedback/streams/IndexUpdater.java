package io.rewardloop.feedback.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global store {@value FeedbackTopology#INDEX_STORE} equal to the dedup store's
 * changelog: feedback id -> content hash, a tombstone deletes.
 */
final class IndexUpdater implements Processor<String, String, Void, Void> {

    private KeyValueStore<String, String> index;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        index = context.getStateStore(FeedbackTopology.INDEX_STORE);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.value() == null) {
            index.delete(record.key());
        } else {
            index.put(record.key(), record.value());
        }
    }
}
