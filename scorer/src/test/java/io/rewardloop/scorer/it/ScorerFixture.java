package io.rewardloop.scorer.it;

import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.events.RewardScored;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.MiniLmBackbone;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.heads.RewardModel;
import io.rewardloop.model.heads.TrainingProgressListener;
import io.rewardloop.model.testing.ToyPreferences;
import io.rewardloop.model.training.EmbeddingProgress;
import io.rewardloop.model.training.HeadKind;
import io.rewardloop.model.training.RewardModelTraining;
import io.rewardloop.model.training.TrainingRequest;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What every scorer IT needs: a real broker with every topic, a small reward model trained through
 * the real all-MiniLM-L6-v2 backbone, and helpers to publish models, produce responses and read
 * back the committed rewards.
 */
final class ScorerFixture implements AutoCloseable {

    static final Map<String, String> SERDE = Map.of("schema.registry.url", "embedded");
    static final String LINEAGE = "default";

    private static final Deserializer<RewardScored> REWARD_VALUES =
            Topics.REWARDS.valueSerde(SERDE).deserializer();

    private static RewardModel model;
    private static String backboneId;

    final KafkaCluster kafka;

    ScorerFixture() {
        kafka = KafkaClusters.startForTests();
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            TopicAdmin.createAll(admin, Topics.all(), (short) 1);
        }
    }

    /** Trains the shared test model once per JVM: two objectives plus length, few gating steps. */
    static synchronized void trainModel() throws Exception {
        if (model != null) {
            return;
        }
        List<PreferencePair> pairs = ToyPreferences.pairs(6);
        try (MiniLmBackbone backbone = MiniLmBackbone.builder().build()) {
            backboneId = backbone.id();
            model =
                    RewardModelTraining.train(
                                    new TrainingRequest(
                                            pairs, List.of(), HeadKind.ARMO, 1, true, 10),
                                    backbone,
                                    EmbeddingProgress.NONE,
                                    TrainingProgressListener.NONE)
                            .model();
        }
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    /** Publishes the test model under a version, as the retrainer will. */
    void publishModel(String version) {
        publish(
                ModelArtifact.builder()
                        .setModel(model)
                        .setModelVersion(version)
                        .setBackboneId(backboneId)
                        .build());
    }

    /** Publishes any artifact on the test lineage. */
    void publish(ModelArtifact artifact) {
        // The test model (~0.9 MB) travels inline: the scorers need no artifact store.
        new ModelPublisher(KafkaSettings.embedded(bootstrap()), ChannelConfig.defaults())
                .publish(artifact, LINEAGE, RetrainTrigger.MANUAL);
    }

    /** The id of the real backbone the test model was trained on. */
    static String backboneId() {
        return backboneId;
    }

    /** Produces responses {@code prefix-from .. prefix-(to-1)}, five per prompt. */
    void produceResponses(String prefix, int from, int to) {
        try (ResponseWriter writer = responseWriter()) {
            writer.send(prefix, from, to);
        }
    }

    /** A producer of responses kept open across sends, for a paced stream. */
    ResponseWriter responseWriter() {
        return new ResponseWriter(bootstrap());
    }

    /**
     * Reads a topic from the beginning to its end offsets (for read_committed: the last stable
     * offset), every record as bytes, in partition order.
     *
     * @param topic the topic
     * @param readCommitted read_committed, else read_uncommitted (aborted records included)
     */
    List<ConsumerRecord<byte[], byte[]>> readToEnd(String topic, boolean readCommitted) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                readCommitted ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Waits until a consumer group has committed (stably) the end offset of every partition of
     * {@code rlhf.responses}: everything produced so far has been scored and committed.
     */
    void awaitCaughtUp(String group, Duration timeout) {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.RESPONSES.partitions(); p++) {
                latest.put(new TopicPartition(Topics.RESPONSES.name(), p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            ListConsumerGroupOffsetsOptions stable =
                    new ListConsumerGroupOffsetsOptions().requireStable(true);
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () ->
                                    caughtUp(
                                            end,
                                            admin.listConsumerGroupOffsets(group, stable)
                                                    .partitionsToOffsetAndMetadata()
                                                    .get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean caughtUp(
            Map<TopicPartition, Long> end, Map<TopicPartition, OffsetAndMetadata> committed) {
        return end.entrySet().stream()
                .allMatch(
                        e -> {
                            OffsetAndMetadata offset = committed.get(e.getKey());
                            return e.getValue() == 0
                                    || (offset != null && offset.offset() >= e.getValue());
                        });
    }

    /** Decodes the model version of a reward record. */
    static String modelVersion(ConsumerRecord<byte[], byte[]> reward) {
        return REWARD_VALUES.deserialize(reward.topic(), reward.value()).getModelVersion();
    }

    /** Decodes the response id of a reward record. */
    static String responseId(ConsumerRecord<byte[], byte[]> reward) {
        return REWARD_VALUES.deserialize(reward.topic(), reward.value()).getResponseId().toString();
    }

    /** A read_committed reader of rlhf.rewards from the beginning. */
    RewardReader rewards() {
        return new RewardReader(bootstrap());
    }

    @Override
    public void close() {
        kafka.close();
    }

    /** Produces responses through one open producer. */
    static final class ResponseWriter implements AutoCloseable {
        private final KafkaProducer<String, ResponseGenerated> producer;

        ResponseWriter(String bootstrap) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer =
                    new KafkaProducer<>(
                            props,
                            Topics.RESPONSES.keySerde(SERDE).serializer(),
                            Topics.RESPONSES.valueSerde(SERDE).serializer());
        }

        /** Sends responses {@code prefix-from .. prefix-(to-1)}, five per prompt, and flushes. */
        void send(String prefix, int from, int to) {
            for (int i = from; i < to; i++) {
                String promptId = prefix + "-prompt-" + (i / 5);
                producer.send(
                        new ProducerRecord<>(
                                Topics.RESPONSES.name(), promptId, response(prefix, i, promptId)));
            }
            producer.flush();
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    static ResponseGenerated response(String prefix, int i, String promptId) {
        return ResponseGenerated.newBuilder()
                .setResponseId(prefix + "-" + i)
                .setPromptId(promptId)
                .setPrompt("Question " + (i / 5) + ": how should I plan a week of healthy meals?")
                .setResponse(
                        "Answer "
                                + i
                                + ": plan simple meals with vegetables, protein and whole grains.")
                .setPolicyVersion("policy-1")
                .setRlhfRound(1)
                .setCreatedAt(Instant.now())
                .setMessages(new ArrayList<>())
                .setMetadata(new HashMap<>())
                .build();
    }

    /** Reads committed rewards, keeping every record (duplicates included) in arrival order. */
    static final class RewardReader implements AutoCloseable {
        private final KafkaConsumer<String, RewardScored> consumer;
        final List<ConsumerRecord<String, RewardScored>> records = new ArrayList<>();

        RewardReader(String bootstrap) {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "reward-reader-" + System.nanoTime());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer =
                    new KafkaConsumer<>(
                            props,
                            Topics.REWARDS.keySerde(SERDE).deserializer(),
                            Topics.REWARDS.valueSerde(SERDE).deserializer());
            consumer.subscribe(List.of(Topics.REWARDS.name()));
        }

        /** Polls until the condition holds on what was read, or the timeout passes. */
        boolean readUntil(
                Predicate<List<ConsumerRecord<String, RewardScored>>> done, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return true;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
