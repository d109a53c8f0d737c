package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One {@code rlhf replay} run: sends each input line to {@code rlhf.responses} (idempotent, {@code
 * acks=all}) and writes, in input order, the reward the running scorer published for it, or why it
 * was refused or invalid. Results are read while sending, so a large file does not pile up.
 */
final class Replay {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int POLL_EVERY_LINES = 256;

    private final KafkaSettings kafka;
    private final ReplayLine.Defaults defaults;
    private final Duration idleTimeout;
    private final InOrderOutput output;
    private final ReplayProgress progress;
    private final Map<String, Integer> pending = new HashMap<>();
    private final Map<String, Long> lineOf = new HashMap<>();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private int sent;
    private int scored;
    private int failed;

    Replay(
            KafkaSettings kafka,
            ReplayLine.Defaults defaults,
            Duration idleTimeout,
            InOrderOutput output,
            ReplayProgress progress) {
        this.kafka = kafka;
        this.defaults = defaults;
        this.idleTimeout = idleTimeout;
        this.output = output;
        this.progress = progress;
    }

    /**
     * Replays the input to its end and waits for every result.
     *
     * @param in JSONL responses
     * @return the number of lines that were invalid or refused (0: all scored)
     * @throws IOException when the input cannot be read
     */
    int run(BufferedReader in) throws IOException {
        Map<String, Object> producerConfig = kafka.clientConfig();
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (ReplayResults results = new ReplayResults(kafka);
                Serializer<String> keys =
                        Topics.RESPONSES.keySerde(kafka.serdeConfig()).serializer();
                Serializer<ResponseGenerated> values =
                        Topics.RESPONSES.valueSerde(kafka.serdeConfig()).serializer();
                KafkaProducer<String, ResponseGenerated> producer =
                        new KafkaProducer<>(producerConfig, keys, values)) {
            int index = 0;
            long lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                send(ReplayLine.parse(line, lineNumber, defaults), index++, lineNumber, producer);
                if (index % POLL_EVERY_LINES == 0) {
                    collect(results, Duration.ZERO);
                }
            }
            producer.flush();
            if (sendFailure.get() != null) {
                throw new RewardLoopException(
                        "rlhf replay: the broker did not take a response: "
                                + sendFailure.get().getMessage(),
                        sendFailure.get());
            }
            awaitAll(results);
        }
        progress.done(sent, scored, failed);
        return failed;
    }

    private void send(
            ReplayLine parsed,
            int index,
            long lineNumber,
            KafkaProducer<String, ResponseGenerated> producer) {
        if (parsed.error() != null) {
            fail(index, lineNumber, null, parsed.error());
            return;
        }
        ResponseGenerated event = parsed.event();
        String id = event.getResponseId();
        if (pending.containsKey(id) || lineOf.containsKey(id)) {
            fail(index, lineNumber, id, "/responseId: " + id + " appears twice in the input");
            return;
        }
        pending.put(id, index);
        lineOf.put(id, lineNumber);
        producer.send(
                new ProducerRecord<>(Topics.RESPONSES.name(), event.getPromptId(), event),
                (metadata, e) -> {
                    if (e != null) {
                        sendFailure.compareAndSet(null, e);
                    }
                });
        sent++;
    }

    private void awaitAll(ReplayResults results) {
        long lastProgress = System.nanoTime();
        while (!pending.isEmpty()) {
            if (collect(results, POLL) > 0) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > idleTimeout.toNanos()) {
                progress.done(sent, scored, failed);
                throw new RewardLoopException(
                        String.format(
                                "rlhf replay: no result for %d s and %d of %d responses still"
                                        + " unscored: is a scorer running with a model"
                                        + " (rlhf up --model DIR)?",
                                idleTimeout.toSeconds(), pending.size(), sent));
            }
        }
    }

    private int collect(ReplayResults results, Duration wait) {
        int taken = 0;
        for (ReplayResults.Outcome outcome : results.poll(wait)) {
            Integer index = pending.remove(outcome.responseId());
            if (index == null) {
                continue; // someone else's response, or a second copy of ours
            }
            taken++;
            long lineNumber = lineOf.get(outcome.responseId());
            if (outcome.reward() != null) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                json.put("line", lineNumber);
                json.put("responseId", outcome.responseId());
                json.setAll(RewardJson.of(outcome.reward()));
                output.put(index, json);
                scored++;
            } else {
                fail(index, lineNumber, outcome.responseId(), outcome.refusal());
            }
        }
        progress.update(sent, scored, failed);
        return taken;
    }

    private void fail(int index, long lineNumber, String responseId, String error) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("line", lineNumber);
        if (responseId != null) {
            json.put("responseId", responseId);
        }
        json.put("error", error);
        output.put(index, json);
        failed++;
    }
}
