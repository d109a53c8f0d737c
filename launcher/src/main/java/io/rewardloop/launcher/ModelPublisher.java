package io.rewardloop.launcher;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.schemas.Topics;
import io.rewardloop.scorer.ModelRecords;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a trained model to {@code rlhf.models}, where every scorer of its lineage picks it up.
 */
final class ModelPublisher {

    private ModelPublisher() {}

    static ModelPublished publish(
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
