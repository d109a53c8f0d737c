package io.rewardloop.scorer;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a trained model artifact into the {@code ModelPublished} record scorers follow, and
 * publishes it: the artifact travels inline with its sha256, which every scorer checks before
 * loading it.
 */
public final class ModelRecords {

    /** The model lineage (record key on {@code rlhf.models}) when none is named. */
    public static final String DEFAULT_LINEAGE = "default";

    private ModelRecords() {}

    /**
     * The record announcing an artifact.
     *
     * @param artifact the trained model
     * @param trigger why it was trained
     * @return the record's value
     */
    public static ModelPublished published(ModelArtifact artifact, RetrainTrigger trigger) {
        byte[] bytes = artifact.toBytes();
        Map<String, Double> metrics = artifact.metrics().asMap();
        return ModelPublished.newBuilder()
                .setVersion(artifact.modelVersion())
                .setParentVersion(artifact.parentVersion())
                .setBackboneId(artifact.backboneId())
                .setObjectives(artifact.objectiveNames())
                .setArtifact(ByteBuffer.wrap(bytes))
                .setSha256(artifact.sha256())
                .setSizeBytes(bytes.length)
                .setMetrics(new java.util.HashMap<>(metrics))
                .setTrigger(trigger)
                .setCreatedAt(Instant.now())
                .build();
    }

    /**
     * Publishes an artifact on {@code rlhf.models} under a lineage, where every scorer following
     * that lineage picks it up, and waits for the broker to acknowledge it.
     *
     * @param bootstrapServers the Kafka cluster
     * @param serdeConfig the serde settings ({@code schema.registry.url})
     * @param artifact the trained model
     * @param lineage the record key scorers follow
     * @param trigger why it was trained
     * @return the record that was published
     */
    public static ModelPublished publish(
            String bootstrapServers,
            Map<String, ?> serdeConfig,
            ModelArtifact artifact,
            String lineage,
            RetrainTrigger trigger) {
        ModelPublished published = ModelRecords.published(artifact, trigger);
        Map<String, Object> props =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        8 * 1024 * 1024);
        try (KafkaProducer<String, ModelPublished> producer =
                new KafkaProducer<>(
                        props,
                        Topics.MODELS.keySerde(serdeConfig).serializer(),
                        Topics.MODELS.valueSerde(serdeConfig).serializer())) {
            producer.send(new ProducerRecord<>(Topics.MODELS.name(), lineage, published)).get();
            return published;
        } catch (ExecutionException e) {
            throw new RewardLoopException(
                    "could not publish model "
                            + artifact.modelVersion()
                            + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("interrupted while publishing", e);
        }
    }
}
