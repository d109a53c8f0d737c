package io.rewardloop.registry;

import io.rewardloop.common.RewardLoopException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's storage: a compacted one-partition topic that one thread reads from the beginning
 * and applies to the {@link RegistryState}, forever. A write returns once that thread has applied
 * it, so a caller reads its own writes; every instance reading the topic agrees on every id.
 */
final class KafkaJournal implements Journal, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaJournal.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(50);

    private final TopicPartition partition;
    private final RegistryState state;
    private final Duration timeout;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private final Object progress = new Object();
    private long applied;
    private volatile boolean running = true;

    private KafkaJournal(
            Map<String, Object> clientConfig, String topic, RegistryState state, Duration timeout) {
        this.partition = new TopicPartition(topic, 0);
        this.state = state;
        this.timeout = timeout;
        this.admin = Admin.create(clientConfig);
        this.producer = new KafkaProducer<>(producerConfig(clientConfig));
        this.consumer = new KafkaConsumer<>(consumerConfig(clientConfig));
        this.reader = new Thread(this::read, "schema-registry-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Creates the topic when it is missing, then reads it to its end.
     *
     * @param clientConfig Kafka client settings: bootstrap servers and any security passthrough
     * @param topic e.g. {@code _schemas}
     * @param state the state to keep current
     * @param timeout how long a write or the initial read may take
     * @return the running journal
     */
    static KafkaJournal start(
            Map<String, Object> clientConfig, String topic, RegistryState state, Duration timeout) {
        KafkaJournal journal = new KafkaJournal(clientConfig, topic, state, timeout);
        try {
            journal.createTopic();
            journal.consumer.assign(List.of(journal.partition));
            journal.consumer.seekToBeginning(List.of(journal.partition));
            journal.reader.start();
            journal.catchUp();
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    @Override
    public void append(JournalRecord record) {
        long offset;
        try {
            offset =
                    producer.send(
                                    new ProducerRecord<>(
                                            partition.topic(), 0, record.key(), record.value()))
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .offset();
        } catch (ExecutionException | TimeoutException e) {
            throw storeError("cannot write to " + partition.topic() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError("interrupted while writing to " + partition.topic(), e);
        }
        awaitApplied(offset + 1);
    }

    @Override
    public void catchUp() {
        awaitApplied(endOffset());
    }

    /** The end of the topic; retried while a topic just created is not yet known everywhere. */
    private long endOffset() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                        .partitionResult(partition)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .offset();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw storeError("cannot find the end of " + partition.topic() + ": " + e, e);
                }
                LOG.debug(
                        "End of {} not known yet: {}", partition.topic(), e.getCause().toString());
            } catch (TimeoutException e) {
                throw storeError("cannot find the end of " + partition.topic() + " in time", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw storeError("interrupted while reading " + partition.topic(), e);
            }
            backOff();
        }
    }

    private static void backOff() {
        try {
            Thread.sleep(RETRY_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError("interrupted while waiting for the schema store", e);
        }
    }

    private void awaitApplied(long offset) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (applied < offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    throw storeError(
                            "the schema store "
                                    + partition.topic()
                                    + " was not read up to offset "
                                    + offset
                                    + " within "
                                    + timeout.toMillis()
                                    + " ms (at "
                                    + applied
                                    + ")",
                            null);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw storeError("interrupted while reading " + partition.topic(), e);
                }
            }
        }
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (record.key() != null) {
                        new JournalRecord(record.key(), record.value()).applyTo(state);
                    }
                }
                long position = consumer.position(partition);
                synchronized (progress) {
                    applied = position;
                    progress.notifyAll();
                }
            }
        } catch (WakeupException stopping) {
            // close() asked it to stop.
        } catch (RuntimeException e) {
            LOG.error("The schema store {} cannot be read any more", partition.topic(), e);
        } finally {
            running = false;
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void createTopic() {
        NewTopic topic =
                new NewTopic(partition.topic(), Optional.of(1), Optional.empty())
                        .configs(
                                Map.of(
                                        TopicConfig.CLEANUP_POLICY_CONFIG,
                                        TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created the schema store topic {}", partition.topic());
            awaitLeader();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw storeError("cannot create " + partition.topic() + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw storeError("cannot create " + partition.topic() + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("interrupted while creating " + partition.topic(), e);
        }
    }

    /**
     * Waits until the new topic's partition has a leader, so that the first offset lookup finds it
     * (the admin client logs an unknown topic at ERROR level while it retries).
     */
    private void awaitLeader() throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription described =
                        admin.describeTopics(List.of(partition.topic()))
                                .allTopicNames()
                                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                                .get(partition.topic());
                if (described != null
                        && described.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                LOG.debug("{} not known yet: {}", partition.topic(), e.getCause().toString());
            }
            backOff();
        }
        throw new TimeoutException(partition.topic() + " has no leader after " + timeout);
    }

    /**
     * Whether the reader thread still follows the topic.
     *
     * @return false once it stopped, on close or on a failure
     */
    boolean reading() {
        return running;
    }

    private static Map<String, Object> producerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }

    private static RegistryError storeError(String message, Throwable cause) {
        RegistryError error = new RegistryError(500, RegistryError.STORE_ERROR, message);
        if (cause != null) {
            error.initCause(cause);
        }
        return error;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!reader.isAlive()) {
            consumer.close();
        }
        producer.close(timeout);
        admin.close(timeout);
    }
}
