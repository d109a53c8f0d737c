package io.rewardloop.scorer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's mock clients, made to behave like a broker where the scoring loop's tests need it: the
 * consumer re-delivers its log from the current position on every poll (so a seek back re-reads
 * records, as a real consumer does), and the producer commits the transaction's offsets into the
 * consumer's group when the transaction commits.
 */
final class MockKafka {

    private MockKafka() {}

    /** A {@link MockConsumer} over an append-only log per partition. */
    static final class LogConsumer extends MockConsumer<byte[], byte[]> {

        private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log =
                new HashMap<>();

        LogConsumer() {
            super("earliest");
            Map<TopicPartition, Long> beginnings = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                beginnings.put(new TopicPartition("rlhf.responses", p), 0L);
            }
            updateBeginningOffsets(beginnings);
        }

        synchronized void append(TopicPartition partition, byte[] value) {
            List<ConsumerRecord<byte[], byte[]>> records =
                    log.computeIfAbsent(partition, p -> new ArrayList<>());
            records.add(
                    new ConsumerRecord<>(
                            partition.topic(),
                            partition.partition(),
                            records.size(),
                            "key".getBytes(StandardCharsets.UTF_8),
                            value));
            updateEndOffsets(Map.of(partition, (long) records.size()));
        }

        synchronized byte[] valueAt(TopicPartition partition, long offset) {
            return log.get(partition).get((int) offset).value();
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            for (TopicPartition partition : assignment()) {
                long position = position(partition);
                for (ConsumerRecord<byte[], byte[]> record :
                        log.getOrDefault(partition, List.of())) {
                    if (record.offset() >= position) {
                        addRecord(record);
                    }
                }
            }
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    // A real poll blocks; releasing the monitor lets the test append meanwhile.
                    wait(Math.min(5, timeout.toMillis() + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }
    }

    /** A transactional {@link MockProducer} that can fail once in chosen ways. */
    static final class BrokerProducer extends MockProducer<byte[], byte[]> {

        private final LogConsumer group;
        private RuntimeException nextSendOffsetsFailure;
        private boolean landThenTimeOut;
        volatile int aborts;
        volatile int flushes;

        BrokerProducer(LogConsumer group) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.group = group;
        }

        /** The next {@code sendOffsetsToTransaction} throws this. */
        void failNextSendOffsets(RuntimeException failure) {
            nextSendOffsetsFailure = failure;
        }

        /** The next commit happens, then its caller gets a timeout, as when the answer is lost. */
        void landThenTimeOutNextCommit() {
            landThenTimeOut = true;
        }

        @Override
        public void sendOffsetsToTransaction(
                Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata metadata) {
            RuntimeException failure = nextSendOffsetsFailure;
            if (failure != null) {
                nextSendOffsetsFailure = null;
                throw failure;
            }
            super.sendOffsetsToTransaction(offsets, metadata);
        }

        @Override
        public void commitTransaction() {
            Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets =
                    new HashMap<>(uncommittedOffsets());
            super.commitTransaction();
            offsets.values().forEach(group::commitSync);
            if (landThenTimeOut) {
                landThenTimeOut = false;
                throw new TimeoutException(
                        "Timeout expired after 60000ms while awaiting EndTxn(COMMIT)");
            }
        }

        @Override
        public void abortTransaction() {
            super.abortTransaction();
            aborts++;
        }

        @Override
        public synchronized void flush() {
            flushes++;
            super.flush();
        }
    }
}
