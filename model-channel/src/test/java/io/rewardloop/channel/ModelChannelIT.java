package io.rewardloop.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.scoring.RewardScorer;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model channel through a real broker: publisher, catalog and followers on {@code rlhf.models},
 * with a loader that counts what it loads (the tests are about the channel).
 */
class ModelChannelIT {

    private static KafkaCluster kafka;
    private static KafkaSettings settings;

    @TempDir Path dir;
    private final List<Following> followers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaClusters.startForTests();
        settings = KafkaSettings.embedded(kafka.bootstrapServers());
        try (Admin admin =
                Admin.create(
                        Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            // Compaction as eager as the broker allows, so the test can see it happen.
            NewTopic models =
                    new NewTopic(Topics.MODELS.name(), 1, (short) 1)
                            .configs(
                                    Map.of(
                                            "cleanup.policy", "compact",
                                            "max.message.bytes",
                                                    String.valueOf(ChannelClients.MAX_RECORD_BYTES),
                                            "segment.ms", "100",
                                            "min.cleanable.dirty.ratio", "0.001",
                                            "min.compaction.lag.ms", "0",
                                            "delete.retention.ms", "0"));
            admin.createTopics(List.of(models)).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @AfterEach
    void stopFollowers() throws Exception {
        for (Following f : followers) {
            f.close();
        }
    }

    /** A running follower and what it did. */
    private final class Following implements AutoCloseable {
        final ModelHolder holder = new ModelHolder();
        final List<String> loaded = new CopyOnWriteArrayList<>();
        final List<String> live = new CopyOnWriteArrayList<>();
        final List<String> rejected = new CopyOnWriteArrayList<>();
        final ModelFollower follower;
        final Thread thread;

        Following(String lineage, ChannelConfig config, ModelLoader inner) {
            ModelLoader counting =
                    (record, bytes) -> {
                        loaded.add(record.getVersion());
                        return inner.load(record, bytes);
                    };
            ModelChannelListener listener =
                    new ModelChannelListener() {
                        @Override
                        public void onLive(ModelPublished record) {
                            live.add(record.getVersion());
                        }

                        @Override
                        public void onRejected(String version, String reason) {
                            rejected.add(version + ": " + reason);
                        }
                    };
            follower =
                    ModelFollower.create(
                            settings, config, lineage, "it-" + lineage, counting, holder, listener);
            thread = new Thread(follower, "follower-" + lineage);
            thread.start();
            followers.add(this);
        }

        void awaitCaughtUp() {
            await().atMost(Duration.ofSeconds(30)).until(follower::caughtUp);
        }

        void awaitLive(String version) {
            await().atMost(Duration.ofSeconds(30)).until(() -> holder.version().equals(version));
        }

        @Override
        public void close() throws InterruptedException {
            follower.stop();
            thread.join(10_000);
        }
    }

    private static ModelLoader stubLoader() {
        return (record, bytes) -> {
            ModelArtifact artifact = ModelArtifact.fromBytes(bytes);
            return new NamedScorer(artifact.modelVersion());
        };
    }

    private Following follow(String lineage) {
        return new Following(lineage, ChannelConfig.defaults(), stubLoader());
    }

    private static ModelPublisher publisher() {
        return new ModelPublisher(settings, ChannelConfig.defaults());
    }

    /** Publishes versions as the publisher would, through one producer (fast). */
    private static void publishVersions(ModelPublisher publisher, String lineage, int from, int to)
            throws Exception {
        try (KafkaProducer<String, ModelPublished> producer = rawProducer()) {
            for (int i = from; i <= to; i++) {
                ModelPublished record = TinyModels.record("v" + i);
                producer.send(
                        new ProducerRecord<>(
                                Topics.MODELS.name(), ModelKeys.key(lineage, "v" + i), record));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<String, ModelPublished> rawProducer() {
        return new KafkaProducer<>(
                ChannelClients.producer(settings, "raw"),
                Topics.MODELS.keySerde(settings.serdeConfig()).serializer(),
                Topics.MODELS.valueSerde(settings.serdeConfig()).serializer());
    }

    /** Writes a record as it is, as a buggy or hostile publisher could. */
    private static void produceRaw(String key, ModelPublished record) throws Exception {
        try (KafkaProducer<String, ModelPublished> producer =
                new KafkaProducer<>(
                        ChannelClients.producer(settings, "raw"),
                        Topics.MODELS.keySerde(settings.serdeConfig()).serializer(),
                        Topics.MODELS.valueSerde(settings.serdeConfig()).serializer())) {
            producer.send(new ProducerRecord<>(Topics.MODELS.name(), key, record)).get();
        }
    }

    @Test
    void shouldLoadOnlyTheNewestOfTwentyVersionsOnRestart() throws Exception {
        publishVersions(publisher(), "restart", 1, 20);

        Following restarted = follow("restart");
        restarted.awaitCaughtUp();

        assertThat(restarted.holder.version()).isEqualTo("v20");
        assertThat(restarted.loaded).as("models loaded").containsExactly("v20");
        assertThat(restarted.live).containsExactly("v20");
    }

    @Test
    void shouldStayOnV20WhenACorruptV21SurvivesCompaction() throws Exception {
        publishVersions(publisher(), "compact", 1, 20);
        ModelPublished v21 = TinyModels.record("v21");
        produceRaw(
                ModelKeys.key("compact", "v21"),
                ModelPublished.newBuilder(v21).setSha256("00".repeat(32)).build());
        Following live = follow("compact");
        live.awaitCaughtUp();
        assertThat(live.holder.version()).isEqualTo("v20");

        awaitCompaction();
        Following restarted = follow("compact");
        restarted.awaitCaughtUp();

        assertThat(restarted.holder.version()).isEqualTo("v20");
        assertThat(restarted.loaded).containsExactly("v20");
        assertThat(restarted.rejected).singleElement().asString().startsWith("v21: ");
    }

    /** Writes a key twice until compaction has left one copy: the cleaner has run. */
    private void awaitCompaction() throws Exception {
        ModelPublished probe = TinyModels.record("v1");
        produceRaw("compaction-probe", probe);
        produceRaw("compaction-probe", probe);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            // A new record rolls the active segment so the older ones can be
                            // cleaned.
                            produceRaw("compaction-filler", probe);
                            return countKey("compaction-probe") == 1;
                        });
    }

    private static long countKey(String key) {
        Map<String, Object> props = ChannelClients.consumer(settings, "probe-reader");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            org.apache.kafka.common.TopicPartition tp =
                    new org.apache.kafka.common.TopicPartition(Topics.MODELS.name(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long count = 0;
            while (consumer.position(tp) < end) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && new String(r.key()).equals(key)) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    @Test
    void shouldRollBackAndRefuseToPublishAVersionThatDoesNotOrderAfter() throws Exception {
        ModelPublisher publisher = publisher();
        publishVersions(publisher, "rollback", 1, 3);
        Following live = follow("rollback");
        live.awaitLive("v3");

        ModelPublished back = publisher.rollback("rollback", "v2");
        live.awaitLive("v2");
        Following restarted = follow("rollback");
        restarted.awaitCaughtUp();
        publisher.publish(TinyModels.small("v4"), "rollback", RetrainTrigger.MANUAL);
        live.awaitLive("v4");

        assertThat(back.getRollback()).isTrue();
        assertThat(restarted.loaded).first().isEqualTo("v2");
        assertThat(live.loaded).containsExactly("v3", "v2", "v4");
        assertThatThrownBy(
                        () ->
                                publisher.publish(
                                        TinyModels.small("v03"), "rollback", RetrainTrigger.MANUAL))
                .isInstanceOf(RewardLoopException.class)
                .hasMessageContaining("does not order after v4");
    }

    @Test
    void shouldCarryAFiveMegabyteModelByReference() throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        ChannelConfig config = ChannelConfig.defaults().withArtifactDir(store);
        // A 4096-d backbone's heads, K = 19, with a gate hidden layer: about 5 MB.
        ModelArtifact large = TinyModels.artifact("v1", 4096, 19, 300);
        assertThat(large.toBytes().length).isGreaterThan(5_000_000);

        ModelPublished published =
                new ModelPublisher(settings, config).publish(large, "large", RetrainTrigger.MANUAL);
        Following follower = new Following("large", config, stubLoader());
        follower.awaitLive("v1");
        Following elsewhere =
                new Following(
                        "large",
                        ChannelConfig.defaults()
                                .withArtifactDir(Files.createDirectories(dir.resolve("other"))),
                        stubLoader());
        elsewhere.awaitCaughtUp();

        assertThat(published.getArtifact()).isNull();
        assertThat(published.getArtifactUri())
                .isEqualTo("store:large/v1-" + large.sha256() + ".rlhfmodel");
        assertThat(published.getSizeBytes()).isEqualTo(large.toBytes().length);
        assertThat(elsewhere.holder.current()).isEmpty();
        assertThat(elsewhere.rejected).singleElement().asString().contains("cannot read artifact");
    }

    @Test
    void shouldRejectAForgedModelWhenSigningIsOn() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        KeyPair keys = generator.generateKeyPair();
        ChannelConfig publisherSide =
                ChannelConfig.defaults().withSigning(ModelSigning.ed25519(keys.getPrivate(), null));
        ChannelConfig forgerSide =
                ChannelConfig.defaults()
                        .withSigning(
                                ModelSigning.ed25519(
                                        generator.generateKeyPair().getPrivate(), null));
        ChannelConfig followerSide =
                ChannelConfig.defaults().withSigning(ModelSigning.ed25519(null, keys.getPublic()));
        new ModelPublisher(settings, publisherSide)
                .publish(TinyModels.small("v1"), "signed", RetrainTrigger.MANUAL);
        Following follower = new Following("signed", followerSide, stubLoader());
        follower.awaitLive("v1");

        publisher().publish(TinyModels.small("v2"), "signed", RetrainTrigger.MANUAL);
        new ModelPublisher(settings, forgerSide)
                .publish(TinyModels.small("v3"), "signed", RetrainTrigger.MANUAL);
        new ModelPublisher(settings, publisherSide)
                .publish(TinyModels.small("v4"), "signed", RetrainTrigger.MANUAL);
        follower.awaitLive("v4");

        assertThat(follower.loaded).containsExactly("v1", "v4");
        assertThat(follower.rejected)
                .containsExactly(
                        "v2: unsigned, and signing is on", "v3: Ed25519 signature does not verify");
    }

    @Test
    void shouldRejectHostileArtifactUrisAndKeepScoring() throws Exception {
        Path store = Files.createDirectories(dir.resolve("store/hostile"));
        Files.createSymbolicLink(store.resolve("zero"), Path.of("/dev/zero"));
        ChannelConfig config = ChannelConfig.defaults().withArtifactDir(dir.resolve("store"));
        new ModelPublisher(settings, config)
                .publish(TinyModels.small("v1"), "hostile", RetrainTrigger.MANUAL);
        Following follower = new Following("hostile", config, stubLoader());
        follower.awaitLive("v1");

        String[] uris = {
            "file:/dev/zero",
            "store:../../etc/passwd",
            "store:/etc/passwd",
            "store:hostile/zero",
            "jar:file:/etc/passwd!/x"
        };
        for (int i = 0; i < uris.length; i++) {
            String version = "v" + (i + 2);
            produceRaw(
                    ModelKeys.key("hostile", version),
                    ModelPublished.newBuilder(TinyModels.record(version))
                            .setArtifact(null)
                            .setArtifactUri(uris[i])
                            .setSizeBytes(1_000_000)
                            .build());
        }
        new ModelPublisher(settings, config)
                .publish(TinyModels.small("v7"), "hostile", RetrainTrigger.MANUAL);
        follower.awaitLive("v7");

        assertThat(follower.loaded).containsExactly("v1", "v7");
        assertThat(follower.rejected).hasSize(uris.length);
        for (int i = 0; i < uris.length; i++) {
            assertThat(follower.rejected.get(i))
                    .startsWith("v" + (i + 2) + ": ")
                    .contains("refusing artifact");
        }
    }

    @Test
    void shouldRejectAModelOfTheWrongWidthAndKeepTheLiveOne() {
        ModelPublisher publisher = publisher();
        publisher.publish(TinyModels.artifact("v1", 16, 2, 0), "fit", RetrainTrigger.MANUAL);
        Following follower =
                new Following(
                        "fit",
                        ChannelConfig.defaults(),
                        new ArtifactModelLoader(id -> TinyModels.backbone(16)));
        follower.awaitLive("v1");

        publisher.publish(TinyModels.artifact("v2", 32, 2, 0), "fit", RetrainTrigger.MANUAL);
        publisher.publish(TinyModels.artifact("v3", 16, 2, 0), "fit", RetrainTrigger.MANUAL);
        follower.awaitLive("v3");

        assertThat(follower.loaded).containsExactly("v1", "v2", "v3");
        assertThat(follower.rejected)
                .singleElement()
                .asString()
                .contains("v2: model v2 does not fit backbone");
    }

    /** A model that only knows its version. */
    private record NamedScorer(String version) implements RewardScorer {
        @Override
        public List<String> objectives() {
            return List.of("x");
        }

        @Override
        public List<io.rewardloop.model.scoring.MultiObjectiveReward> score(
                List<PromptResponse> batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }
}
