package io.rewardloop.scorer.it;

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
import io.rewardloop.scorer.ModelRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What every scorer IT needs: a real broker with every topic, a small reward model trained through
 * the real all-MiniLM-L6-v2 backbone, and helpers to publish models, produce responses and read
 * back the committed rewards.
 */
final class ScorerFixture implements AutoCloseable {

    static final Map<String, String> SERDE = Map.of("schema.registry.url", "embedded");
    static final String LINEAGE = ModelRecords.DEFAULT_LINEAGE;

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
    void publishModel(String version) throws Exception {
        ModelArtifact artifact =
                ModelArtifact.builder()
                        .setModel(model)
                        .setModelVersion(version)
                        .setBackboneId(backboneId)
                        .build();
        ModelRecords.publish(bootstrap(), SERDE, artifact, LINEAGE, RetrainTrigger.MANUAL);
    }

    /** Produces responses {@code prefix-from .. prefix-(to-1)}, five per prompt. */
    void produceResponses(String prefix, int from, int to) throws Exception {
        try (KafkaProducer<String, ResponseGenerated> producer =
                new KafkaProducer<>(
                        producerProps(),
                        Topics.RESPONSES.keySerde(SERDE).serializer(),
                        Topics.RESPONSES.valueSerde(SERDE).serializer())) {
            for (int i = from; i < to; i++) {
                String promptId = prefix + "-prompt-" + (i / 5);
                ResponseGenerated response =
                        ResponseGenerated.newBuilder()
                                .setResponseId(prefix + "-" + i)
                                .setPromptId(promptId)
                                .setPrompt(
                                        "Question "
                                                + (i / 5)
                                                + ": how should I plan a week of healthy meals?")
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
                producer.send(new ProducerRecord<>(Topics.RESPONSES.name(), promptId, response));
            }
            producer.flush();
        }
    }

    /** A read_committed reader of rlhf.rewards from the beginning. */
    RewardReader rewards() {
        return new RewardReader(bootstrap());
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    @Override
    public void close() {
        kafka.close();
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
