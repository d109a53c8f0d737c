package io.rewardloop.retrainer.it;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelCatalog;
import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatedResponse;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.events.RoundFinished;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.MiniLmBackbone;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.heads.TrainingMetrics;
import io.rewardloop.model.heads.TrainingProgressListener;
import io.rewardloop.model.testing.ToyPreferences;
import io.rewardloop.model.training.EmbeddingProgress;
import io.rewardloop.model.training.HeadKind;
import io.rewardloop.model.training.RewardModelTraining;
import io.rewardloop.model.training.TrainingRequest;
import io.rewardloop.retrainer.EmbeddingFeedSettings;
import io.rewardloop.retrainer.RetrainerConfig;
import io.rewardloop.retrainer.RoundSettings;
import io.rewardloop.retrainer.TrainingOptions;
import io.rewardloop.retrainer.TrainingRound;
import io.rewardloop.retrainer.TriggerSettings;
import io.rewardloop.retrainer.drift.DriftSettings;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real broker with every topic, feedback that the real MiniLM backbone learns in seconds, and
 * helpers to publish a live model and read what the retrainer wrote.
 */
final class RetrainerFixture implements AutoCloseable {

    static final String LINEAGE = "retrain-it";

    /** Ways to ask, so the 24 toy pairs become 96 distinct prompts. */
    private static final List<String> ASKS =
            List.of("%s", "Can you help? %s", "Quick question: %s", "I am a beginner. %s");

    final KafkaCluster kafka;
    final KafkaSettings settings;

    RetrainerFixture() {
        kafka = KafkaClusters.startForTests();
        TopicAdmin.createAllOnSingleBroker(kafka.bootstrapServers());
        settings = KafkaSettings.embedded(kafka.bootstrapServers());
    }

    /** 96 pairs: the toy pairs (helpful over refusal, kind over insult), asked four ways. */
    static List<PreferencePair> pairs() {
        List<PreferencePair> pairs = new ArrayList<>();
        for (String ask : ASKS) {
            for (PreferencePair p : ToyPreferences.pairs(12)) {
                pairs.add(
                        new PreferencePair(
                                String.format(ask, p.prompt()),
                                p.chosen(),
                                p.rejected(),
                                p.objective(),
                                null));
            }
        }
        return pairs;
    }

    static List<PreferencePair> flipped(List<PreferencePair> pairs) {
        return pairs.stream()
                .map(
                        p ->
                                new PreferencePair(
                                        p.prompt(), p.rejected(), p.chosen(), p.objective(), null))
                .toList();
    }

    /**
     * A configuration for tests: loopback HTTP on any port, small rounds, no automatic triggers.
     */
    RetrainerConfig config(String instanceId, Path cacheDir) {
        return config(
                instanceId,
                cacheDir,
                DriftSettings.DEFAULTS,
                EmbeddingFeedSettings.DEFAULTS,
                2 * DriftSettings.DEFAULTS.windowSize());
    }

    /** As {@link #config(String, Path)}, with the given drift settings. */
    RetrainerConfig config(
            String instanceId,
            Path cacheDir,
            DriftSettings drift,
            EmbeddingFeedSettings feed,
            int driftReferenceSize) {
        return new RetrainerConfig(
                settings,
                LINEAGE,
                "retrainer-it",
                instanceId,
                HttpSettings.loopbackAnyPort(),
                new RoundSettings(
                        RoundSettings.DEFAULT_BACKBONE,
                        cacheDir,
                        0.2,
                        10,
                        20,
                        0.02,
                        0.05,
                        7,
                        30,
                        Duration.ofMinutes(5)),
                new TriggerSettings(0, Duration.ZERO, false, Duration.ofMillis(200)),
                TrainingOptions.OFF,
                drift,
                feed,
                driftReferenceSize);
    }

    /** Writes preferences with increasing record times, oldest first. */
    void sendPreferences(List<PreferencePair> pairs) {
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        try (KafkaProducer<String, PreferenceRecorded> producer =
                new KafkaProducer<>(
                        config,
                        new StringSerializer(),
                        Topics.PREFERENCES.valueSerde(settings.serdeConfig()).serializer())) {
            long base = System.currentTimeMillis();
            for (int i = 0; i < pairs.size(); i++) {
                PreferencePair p = pairs.get(i);
                String id = "fb-" + UUID.randomUUID();
                PreferenceRecorded event =
                        PreferenceRecorded.newBuilder()
                                .setFeedbackId(id)
                                .setPrompt(p.prompt())
                                .setChosen(RatedResponse.newBuilder().setText(p.chosen()).build())
                                .setRejected(
                                        RatedResponse.newBuilder().setText(p.rejected()).build())
                                .setObjective(p.objective())
                                .setAnnotatorId("annotator-1")
                                .setSource("it")
                                .setCreatedAt(Instant.now())
                                .build();
                sendNow(
                        producer,
                        new ProducerRecord<>(Topics.PREFERENCES.name(), null, base + i, id, event));
            }
        }
    }

    /**
     * Writes policy responses (prompt, response) to rlhf.responses under one key, so that they keep
     * their order; ids are {@code prefix-i}, each with a prompt id of its own.
     */
    void sendResponses(List<String[]> responses, String prefix) {
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        try (KafkaProducer<String, ResponseGenerated> producer =
                new KafkaProducer<>(
                        config,
                        new StringSerializer(),
                        Topics.RESPONSES.valueSerde(settings.serdeConfig()).serializer())) {
            for (int i = 0; i < responses.size(); i++) {
                // One response a prompt: the drift feed embeds one a prompt.
                String promptId = prefix + "-prompt-" + i;
                ResponseGenerated event =
                        ResponseGenerated.newBuilder()
                                .setResponseId(prefix + "-" + i)
                                .setPromptId(promptId)
                                .setPrompt(responses.get(i)[0])
                                .setResponse(responses.get(i)[1])
                                .setPolicyVersion("policy-it")
                                .setRlhfRound(1)
                                .setCreatedAt(Instant.now())
                                .build();
                sendNow(producer, new ProducerRecord<>(Topics.RESPONSES.name(), "drift-it", event));
            }
        }
    }

    /**
     * Sends one record and waits for the broker: one batch in flight at a time, so a broker slowed
     * down by a loaded machine cannot time out one batch and refuse the next as out of order (seen:
     * OutOfOrderSequenceException, 91 of 96 records written); a failure fails the test.
     */
    private static <V> void sendNow(
            KafkaProducer<String, V> producer, ProducerRecord<String, V> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + record.topic(), e.getCause());
        }
    }

    /** Trains a model on pairs with the real backbone and publishes it as the live version. */
    void publishLive(List<PreferencePair> pairs, String version) throws Exception {
        try (MiniLmBackbone backbone = MiniLmBackbone.builder().build()) {
            var result =
                    RewardModelTraining.train(
                            new TrainingRequest(pairs, List.of(), HeadKind.ARMO, 3, false, 30),
                            backbone,
                            EmbeddingProgress.NONE,
                            TrainingProgressListener.NONE);
            new ModelPublisher(settings, ChannelConfig.defaults())
                    .publish(
                            ModelArtifact.builder()
                                    .setModel(result.model())
                                    .setModelVersion(version)
                                    .setBackboneId(backbone.id())
                                    .optMetrics(
                                            new TrainingMetrics(
                                                    Map.of(TrainingRound.PAIRS_TOTAL, 0.0)))
                                    .build(),
                            LINEAGE,
                            RetrainTrigger.MANUAL);
        }
    }

    /** The versions of the test lineage, in log order. */
    List<String> versions() {
        return ModelCatalog.read(settings, ChannelConfig.defaults()).lineage(LINEAGE).stream()
                .map(ModelCatalog.Entry::version)
                .toList();
    }

    /** Every RoundFinished on rlhf.control so far. */
    List<RoundFinished> roundsFinished() {
        return control(RoundFinished.class);
    }

    /** Every event of a type on rlhf.control so far. */
    <T> List<T> control(Class<T> type) {
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        RecordDecoder<ControlEvent> decoder =
                RecordDecoder.forValues(Topics.CONTROL, settings.serdeConfig());
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.CONTROL.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    Object payload = decoder.decode(record).getPayload();
                    if (type.isInstance(payload)) {
                        found.add(type.cast(payload));
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        kafka.close();
    }
}
