package io.rewardloop.channel;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one way onto {@code rlhf.models}: publishes a model version (inline up to the inline limit,
 * else by reference into the artifact store or at a given http(s) URL), signs it when a key is
 * configured, and rolls a lineage back. Before publishing it reads the topic ({@link ModelCatalog})
 * and refuses a version that does not order after every version the lineage has (so {@code v01}
 * after {@code v1} is refused as a duplicate, and {@code 20261130} after {@code v0007} as out of
 * order, each with a message that says why). Two publishers racing can still both pass that check;
 * the followers' {@link VersionRule} then decides.
 */
public final class ModelPublisher {

    private final KafkaSettings kafka;
    private final ChannelConfig config;

    /**
     * Creates a publisher.
     *
     * @param kafka the cluster
     * @param config the store, limits and signing key
     */
    public ModelPublisher(KafkaSettings kafka, ChannelConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    /**
     * Publishes a version: inline when small enough, else into the artifact store.
     *
     * @param artifact the trained model
     * @param lineage the lineage
     * @param trigger why it was trained
     * @return the published record
     */
    public ModelPublished publish(ModelArtifact artifact, String lineage, RetrainTrigger trigger) {
        return publish(artifact, lineage, trigger, null);
    }

    /**
     * Publishes a version whose artifact the caller has put at an http(s) URL (or, when {@code uri}
     * is null, as {@link #publish(ModelArtifact, String, RetrainTrigger)}).
     *
     * @param artifact the trained model (its bytes give the sha256 and size)
     * @param lineage the lineage
     * @param trigger why it was trained
     * @param uri where followers download it, or null
     * @return the published record
     */
    public ModelPublished publish(
            ModelArtifact artifact, String lineage, RetrainTrigger trigger, URI uri) {
        ModelKeys.checkLineage(lineage);
        String version = ModelKeys.checkVersion(artifact.modelVersion());
        byte[] bytes = artifact.toBytes();
        if (bytes.length > config.artifactMaxBytes()) {
            throw new RewardLoopException(
                    "model "
                            + version
                            + " is "
                            + bytes.length
                            + " bytes, over the limit of "
                            + config.artifactMaxBytes()
                            + " ("
                            + ChannelConfig.ARTIFACT_MAX_BYTES
                            + ")");
        }
        checkOrder(ModelCatalog.read(kafka, config), lineage, version);
        ModelPublished.Builder record = record(artifact, bytes, trigger);
        if (uri != null) {
            record.setArtifactUri(uri.toString());
        } else if (bytes.length <= config.inlineMaxBytes()) {
            record.setArtifact(ByteBuffer.wrap(bytes));
        } else {
            ArtifactStore store =
                    config.artifactDir()
                            .map(ArtifactStore::new)
                            .orElseThrow(
                                    () ->
                                            new RewardLoopException(
                                                    "model "
                                                            + version
                                                            + " is "
                                                            + bytes.length
                                                            + " bytes, over the inline limit of "
                                                            + config.inlineMaxBytes()
                                                            + ": set "
                                                            + ChannelConfig.ARTIFACT_DIR
                                                            + " (a directory every follower"
                                                            + " reads) or give an http(s) URL"));
            record.setArtifactUri(store.write(lineage, version, artifact.sha256(), bytes));
        }
        return send(lineage, record);
    }

    /**
     * Rolls a lineage back: re-publishes an earlier accepted version's record marked as a rollback,
     * which followers move to although it orders before their live version.
     *
     * @param lineage the lineage
     * @param version the version to go back to
     * @return the published record
     */
    public ModelPublished rollback(String lineage, String version) {
        ModelCatalog catalog = ModelCatalog.read(kafka, config);
        ModelCatalog.Entry entry =
                catalog.find(lineage, version)
                        .orElseThrow(
                                () ->
                                        new RewardLoopException(
                                                "lineage '"
                                                        + lineage
                                                        + "' has no accepted version "
                                                        + version
                                                        + " to roll back to (see rlhf models"
                                                        + " list)"));
        ModelPublished.Builder copy =
                ModelPublished.newBuilder(entry.record())
                        .setRollback(true)
                        .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                        .setSignature(null);
        return send(lineage, copy);
    }

    /**
     * The record for an artifact, without where it travels, its signature or I/O.
     *
     * @param artifact the model
     * @param bytes its bytes
     * @param trigger why it was trained
     * @return a builder
     */
    static ModelPublished.Builder record(
            ModelArtifact artifact, byte[] bytes, RetrainTrigger trigger) {
        return ModelPublished.newBuilder()
                .setVersion(artifact.modelVersion())
                .setParentVersion(artifact.parentVersion())
                .setBackboneId(artifact.backboneId())
                .setObjectives(artifact.objectiveNames())
                .setSha256(ModelArtifact.sha256(bytes))
                .setSizeBytes(bytes.length)
                .setMetrics(new HashMap<>(artifact.metrics().asMap()))
                .setTrigger(trigger)
                .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setRollback(false);
    }

    static void checkOrder(ModelCatalog catalog, String lineage, String version) {
        Optional<String> newest = catalog.newestVersion(lineage);
        if (newest.isEmpty()) {
            return;
        }
        int order = VersionOrder.INSTANCE.compare(version, newest.get());
        if (order == 0) {
            throw new RewardLoopException(
                    "version "
                            + version
                            + " equals "
                            + newest.get()
                            + ", already published in lineage '"
                            + lineage
                            + "' (digit runs compare as numbers, so leading zeros do not count):"
                            + " pick a new version");
        }
        if (order < 0) {
            throw new RewardLoopException(
                    "version "
                            + version
                            + " does not order after "
                            + newest.get()
                            + ", the newest in lineage '"
                            + lineage
                            + "': digit runs compare as numbers, other characters one by one (a"
                            + " digit sorts before a letter, so 20261130 < v0007); followers would"
                            + " refuse it. Pick a version after "
                            + newest.get());
        }
    }

    private ModelPublished send(String lineage, ModelPublished.Builder builder) {
        ModelPublished unsigned = builder.build();
        if (config.signing().verifies() && !config.signing().signs()) {
            throw new RewardLoopException(
                    "signing is on but this publisher has only the public key: set "
                            + ChannelConfig.SIGNING_PRIVATE_KEY);
        }
        ModelPublished record = unsigned;
        Optional<String> signature = config.signing().sign(lineage, unsigned);
        if (signature.isPresent()) {
            record = ModelPublished.newBuilder(unsigned).setSignature(signature.get()).build();
        }
        String key = ModelKeys.key(lineage, record.getVersion());
        try (KafkaProducer<String, ModelPublished> producer =
                new KafkaProducer<>(
                        ChannelClients.producer(kafka, "rlhf-model-publisher"),
                        Topics.MODELS.keySerde(kafka.serdeConfig()).serializer(),
                        Topics.MODELS.valueSerde(kafka.serdeConfig()).serializer())) {
            producer.send(new ProducerRecord<>(Topics.MODELS.name(), key, record)).get();
            return record;
        } catch (ExecutionException e) {
            throw new RewardLoopException(
                    "could not publish model "
                            + record.getVersion()
                            + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("interrupted while publishing", e);
        }
    }
}
