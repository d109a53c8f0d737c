package io.rewardloop.scorer.http;

import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import io.rewardloop.schemas.Topics;
import io.rewardloop.scorer.RewardEvents;
import io.rewardloop.scorer.ScoringStep;
import io.rewardloop.scorer.metrics.HttpScoringMetrics;
import io.rewardloop.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes what the HTTP path scored onto {@code rlhf.responses} ({@code ResponseGenerated}, header
 * {@value ScoringStep#SCORED_OVER_HTTP}, so the Kafka loop does not score it again) and {@code
 * rlhf.rewards} ({@code RewardScored}), so drift detection and MetaRM see it. Off the latency path:
 * answers go out first, one background thread hands the records to an idempotent producer, and
 * whatever fails (a full backlog, a broker error) is counted in {@code
 * rlhf_scorer_http_record_errors_total}, never answered.
 */
public final class HttpRecorder implements AutoCloseable {

    private static final int BACKLOG_REQUESTS = 10_000;

    private final Producer<byte[], byte[]> producer;
    private final Serializer<ResponseGenerated> responses;
    private final Serializer<RewardScored> rewards;
    private final HttpScoringMetrics metrics;
    private final ThreadPoolExecutor sender =
            new ThreadPoolExecutor(
                    1,
                    1,
                    0,
                    TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(BACKLOG_REQUESTS),
                    runnable -> {
                        Thread thread = new Thread(runnable, "scorer-http-recorder");
                        thread.setDaemon(true);
                        return thread;
                    });

    /**
     * One scored pair to record.
     *
     * @param response the response event, ids filled in
     * @param reward the reward event
     */
    record Recording(ResponseGenerated response, RewardScored reward) {}

    /**
     * Creates the recorder and its producer.
     *
     * @param kafka where and how to connect
     * @param clientId the producer's client id
     * @param metrics where errors are counted
     */
    public HttpRecorder(KafkaSettings kafka, String clientId, HttpScoringMetrics metrics) {
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, Object> serde = kafka.serdeConfig();
        this.responses = Topics.RESPONSES.valueSerde(serde).serializer();
        this.rewards = Topics.REWARDS.valueSerde(serde).serializer();
        this.metrics = metrics;
    }

    /**
     * The events of a scored pair.
     *
     * @param response the response as the client named it (ids filled in)
     * @param scored what the model gave it
     * @param latencyMs arrival to score
     * @param scoredAt when
     * @return the two events
     */
    static Recording of(
            ResponseGenerated response,
            HttpBatcher.Scored scored,
            double latencyMs,
            Instant scoredAt) {
        return new Recording(
                response,
                RewardEvents.toEvent(
                        response, scored.reward(), scored.model(), latencyMs, scoredAt));
    }

    /**
     * The response event of a pair, with generated ids where the client gave none.
     *
     * @param prompt the prompt
     * @param response the response
     * @param ids what the client named it
     * @param responseId the response id to use
     * @return the event
     */
    static ResponseGenerated response(
            String prompt, String response, ScoringRequest.PairIds ids, String responseId) {
        return ResponseGenerated.newBuilder()
                .setResponseId(responseId)
                .setPromptId(ids.promptId() != null ? ids.promptId() : promptId(prompt))
                .setPrompt(prompt)
                .setResponse(response)
                .setPolicyVersion(ids.policyVersion() != null ? ids.policyVersion() : "unknown")
                .setRlhfRound(ids.rlhfRound() != null ? ids.rlhfRound() : 0L)
                .setCreatedAt(Instant.now())
                .setMessages(new ArrayList<>())
                .setMetadata(new HashMap<>(Map.of("source", "http")))
                .build();
    }

    /**
     * Records a request's pairs in the background.
     *
     * @param recordings the pairs' events
     */
    void record(List<Recording> recordings) {
        try {
            sender.execute(() -> recordings.forEach(this::send));
        } catch (RejectedExecutionException full) {
            recordings.forEach(r -> metrics.recordRecordingError());
        }
    }

    /** Sends what is queued, then closes the producer. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }

    private void send(Recording recording) {
        try {
            ResponseGenerated response = recording.response();
            byte[] key = response.getPromptId().getBytes(StandardCharsets.UTF_8);
            ProducerRecord<byte[], byte[]> responseRecord =
                    new ProducerRecord<>(
                            Topics.RESPONSES.name(),
                            key,
                            responses.serialize(Topics.RESPONSES.name(), response));
            responseRecord
                    .headers()
                    .add(ScoringStep.SCORED_OVER_HTTP, "true".getBytes(StandardCharsets.UTF_8));
            producer.send(responseRecord, this::countFailure);
            producer.send(
                    new ProducerRecord<>(
                            Topics.REWARDS.name(),
                            key,
                            rewards.serialize(Topics.REWARDS.name(), recording.reward())),
                    this::countFailure);
        } catch (RuntimeException e) {
            metrics.recordRecordingError();
        }
    }

    private void countFailure(RecordMetadata metadata, Exception failure) {
        if (failure != null) {
            metrics.recordRecordingError();
        }
    }

    private static String promptId(String prompt) {
        return "prompt-"
                + java.util.HexFormat.of()
                        .formatHex(sha256(prompt.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
