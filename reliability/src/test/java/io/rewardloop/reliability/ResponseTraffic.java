package io.rewardloop.reliability;

import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.testing.ToyPreferences;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A policy's responses, produced to {@code rlhf.responses} at a steady pace by an idempotent
 * producer that keeps retrying through a broker outage (it gives a record up only after five
 * minutes). Ids are {@code <prefix>-<n>}; a response counts as produced once the broker
 * acknowledged it.
 */
final class ResponseTraffic implements AutoCloseable {

    private static final List<PreferencePair> TEXTS = ToyPreferences.pairs(12);

    private final KafkaProducer<String, ResponseGenerated> producer;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final String prefix;
    private volatile int limit;

    private ResponseTraffic(KafkaSettings kafka, String prefix, int limit) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
        producer =
                new KafkaProducer<>(
                        config,
                        new StringSerializer(),
                        Topics.RESPONSES.valueSerde(kafka.serdeConfig()).serializer());
        this.prefix = prefix;
        this.limit = limit;
    }

    /**
     * Starts producing.
     *
     * @param kafka the cluster
     * @param prefix the ids' prefix
     * @param limit at most this many responses (fewer after {@link #stop()})
     * @param every the pace: one response this often
     * @return the running traffic
     */
    static ResponseTraffic start(KafkaSettings kafka, String prefix, int limit, Duration every) {
        ResponseTraffic traffic = new ResponseTraffic(kafka, prefix, limit);
        traffic.pacer.scheduleAtFixedRate(
                traffic::sendNext, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return traffic;
    }

    private void sendNext() {
        if (sent.get() >= limit) {
            pacer.shutdown();
            return;
        }
        int n = sent.getAndIncrement();
        PreferencePair text = TEXTS.get(n % TEXTS.size());
        String promptId = prefix + "-prompt-" + n / 4;
        String id = prefix + "-" + n;
        ResponseGenerated response =
                ResponseGenerated.newBuilder()
                        .setResponseId(id)
                        .setPromptId(promptId)
                        .setPrompt(text.prompt() + " (" + promptId + ")")
                        .setResponse(n % 2 == 0 ? text.chosen() : text.rejected())
                        .setPolicyVersion("policy-1")
                        .setRlhfRound(1)
                        .setCreatedAt(Instant.now())
                        .build();
        producer.send(
                new ProducerRecord<>(Topics.RESPONSES.name(), promptId, response),
                (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(id);
                    } else {
                        failed.incrementAndGet();
                    }
                });
    }

    /** Sends no more responses than those already sent. */
    void stop() {
        limit = sent.get();
    }

    /** Whether every response was sent and answered by the broker (acknowledged or failed). */
    boolean done() {
        return sent.get() >= limit && acknowledged.size() + failed.get() == sent.get();
    }

    /** The ids the broker acknowledged: each must be scored exactly once. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Responses the producer gave up on (none expected: it outlasts any outage here). */
    int failed() {
        return failed.get();
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        producer.close(Duration.ofSeconds(10));
    }
}
