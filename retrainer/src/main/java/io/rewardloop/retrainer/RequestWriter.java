package io.rewardloop.retrainer;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a manual {@code RetrainRequested} on {@code rlhf.control} and waits for the broker's
 * acknowledgement (idempotent producer, {@code acks=all}): what {@code POST /v1/retrain} and {@code
 * rlhf retrain} do. Thread safe.
 */
public final class RequestWriter implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, ControlEvent> producer;

    /**
     * Creates the writer; it owns its producer.
     *
     * @param kafka the cluster
     * @param clientId the producer's client id
     */
    public RequestWriter(KafkaSettings kafka, String clientId) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer =
                new KafkaProducer<>(
                        config,
                        new StringSerializer(),
                        Topics.CONTROL.valueSerde(kafka.serdeConfig()).serializer());
    }

    /**
     * Asks for a round by hand.
     *
     * @param lineage the lineage
     * @param reason why, in words
     * @param requestedBy who asks
     * @return the request as written
     */
    public ControlEvent request(String lineage, String reason, String requestedBy) {
        ControlEvent event =
                ControlEvents.retrainRequested(RetrainTrigger.MANUAL, reason, requestedBy, null);
        try {
            producer.send(new ProducerRecord<>(Topics.CONTROL.name(), lineage, event))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("interrupted while writing the request", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RewardLoopException(
                    "the broker did not acknowledge the request: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
