package io.rewardloop.launcher;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The demo's simulated policy: emits both responses of each pair to {@code rlhf.responses}, keyed
 * by prompt id, in two passes as a policy samples them: the first response ({@code -a}) to every
 * prompt of the round, then the second. (Emitted pair by pair, a prompt's two responses sit next to
 * each other and land on both sides of the drift reference's even/odd fit/test split: the first
 * demo runs saw the embedding MMD test alarm on unshifted round-1 traffic that way.)
 */
final class DemoPolicy implements AutoCloseable {

    private final KafkaProducer<String, ResponseGenerated> producer;

    /**
     * Creates the policy's producer.
     *
     * @param kafka how to connect
     */
    DemoPolicy(KafkaSettings kafka) {
        producer =
                new KafkaProducer<>(
                        kafka.clientConfig(),
                        Topics.RESPONSES.keySerde().serializer(),
                        Topics.RESPONSES.valueSerde(kafka.serdeConfig()).serializer());
    }

    /**
     * Sends a round's responses and waits until the broker has them all.
     *
     * @param pairs the round's pairs
     * @param policyVersion the policy that "generated" them
     * @param round the RLHF round
     */
    void emit(List<DemoPair> pairs, String policyVersion, int round) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        // Two passes, as a policy samples: one response to every prompt, then the second one.
        for (boolean firstPass : new boolean[] {true, false}) {
            for (DemoPair p : pairs) {
                boolean chosenFirst = p.chosenId().compareTo(p.rejectedId()) < 0;
                sent.add(send(p, chosenFirst == firstPass, policyVersion, round));
            }
        }
        producer.flush();
        for (Future<RecordMetadata> each : sent) {
            try {
                each.get();
            } catch (ExecutionException e) {
                throw new RewardLoopException(
                        "the demo's policy could not write to " + Topics.RESPONSES.name(),
                        e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewardLoopException("interrupted while emitting responses", e);
            }
        }
    }

    private Future<RecordMetadata> send(DemoPair p, boolean chosen, String policy, int round) {
        String responseId = chosen ? p.chosenId() : p.rejectedId();
        String text = chosen ? p.pair().chosen() : p.pair().rejected();
        ResponseGenerated response =
                ResponseGenerated.newBuilder()
                        .setResponseId(responseId)
                        .setPromptId(p.promptId())
                        .setPrompt(p.pair().prompt())
                        .setResponse(text)
                        .setPolicyVersion(policy)
                        .setRlhfRound(round)
                        .setCreatedAt(Instant.now())
                        .build();
        return producer.send(new ProducerRecord<>(Topics.RESPONSES.name(), p.promptId(), response));
    }

    @Override
    public void close() {
        producer.close();
    }
}
