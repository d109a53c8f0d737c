package io.rewardloop.retrainer.it;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelCatalog;
import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatedResponse;
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
                DriftSettings.DEFAULTS,
                2 * DriftSettings.DEFAULTS.windowSize());
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
                producer.send(
                        new ProducerRecord<>(Topics.PREFERENCES.name(), null, base + i, id, event));
            }
            producer.flush();
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
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        RecordDecoder<ControlEvent> decoder =
                RecordDecoder.forValues(Topics.CONTROL, settings.serdeConfig());
        List<RoundFinished> found = new ArrayList<>();
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
                    if (decoder.decode(record).getPayload() instanceof RoundFinished finished) {
                        found.add(finished);
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
