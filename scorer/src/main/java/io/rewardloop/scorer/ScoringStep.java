package io.rewardloop.scorer;

import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.model.scoring.RewardScorer;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The scorer's pure step: a batch of raw {@code rlhf.responses} records in, the records to produce
 * out ({@code RewardScored} on {@code rlhf.rewards}, poison records on {@code rlhf.responses.dlq}).
 * No I/O but the model call, so the Kafka loop around it stays thin and the step is tested without
 * a broker.
 */
public final class ScoringStep {

    private static final String DLQ = Topics.RESPONSES.deadLetterTopic().orElseThrow();

    /**
     * Header of a response the HTTP path recorded together with its reward; the Kafka loop commits
     * it without scoring it again.
     */
    public static final String SCORED_OVER_HTTP = "rlhf.scored.over.http";

    private final Function<ConsumerRecord<byte[], byte[]>, ResponseGenerated> decoder;
    private final Serializer<RewardScored> rewardSerializer;
    private final ResponseCheck check;
    private final Clock clock;
    private final ForwardPasses forwards;

    /**
     * Creates the step.
     *
     * @param config the scorer's configuration
     * @param decoder decodes a record's value, throwing a typed error that names topic, partition
     *     and offset when it cannot
     * @param rewardSerializer serializes rewards for {@code rlhf.rewards}
     * @param clock the time source for {@code scoredAt}
     */
    public ScoringStep(
            ScorerConfig config,
            Function<ConsumerRecord<byte[], byte[]>, ResponseGenerated> decoder,
            Serializer<RewardScored> rewardSerializer,
            Clock clock) {
        this(config, decoder, rewardSerializer, clock, new ForwardPasses());
    }

    /**
     * Creates the step, taking turns on the backbone with the instance's other scoring paths.
     *
     * @param config the scorer's configuration
     * @param decoder decodes a record's value, throwing a typed error that names topic, partition
     *     and offset when it cannot
     * @param rewardSerializer serializes rewards for {@code rlhf.rewards}
     * @param clock the time source for {@code scoredAt}
     * @param forwards where forward passes run (shared with the HTTP path)
     */
    public ScoringStep(
            ScorerConfig config,
            Function<ConsumerRecord<byte[], byte[]>, ResponseGenerated> decoder,
            Serializer<RewardScored> rewardSerializer,
            Clock clock,
            ForwardPasses forwards) {
        this.decoder = decoder;
        this.rewardSerializer = rewardSerializer;
        this.check = new ResponseCheck(config.maxTextChars(), config.oversizedPolicy());
        this.clock = clock;
        this.forwards = forwards;
    }

    /**
     * Scores a batch.
     *
     * @param batch the records as received, with their receipt times
     * @param model the model version to score with (the same for the whole batch)
     * @return what to produce, in one transaction with the batch's offsets
     * @throws TransientScoringException when a record cannot be decoded for a cause outside it (the
     *     Schema Registry unreachable): the whole batch is to be tried again later, nothing of it
     *     dead-lettered
     */
    public StepOutput apply(List<ReceivedRecord> batch, RewardScorer model) {
        List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
        List<Accepted> accepted = new ArrayList<>();
        for (ReceivedRecord received : batch) {
            ConsumerRecord<byte[], byte[]> record = received.record();
            if (record.headers().lastHeader(SCORED_OVER_HTTP) != null) {
                // Recorded by an HTTP scoring path with its reward: committed, not scored again.
                continue;
            }
            ResponseGenerated response;
            try {
                response = decoder.apply(record);
            } catch (RuntimeException undecodable) {
                if (TransientScoringException.isTransient(undecodable)) {
                    throw new TransientScoringException(
                            "cannot decode "
                                    + location(record)
                                    + " for now: "
                                    + undecodable.getMessage(),
                            undecodable);
                }
                deadLetters.add(undecodable(record, undecodable));
                continue;
            } catch (StackOverflowError | OutOfMemoryError undecodable) {
                // One record's nesting or claimed size must not end the loop: it is the poison.
                deadLetters.add(undecodable(record, undecodable));
                continue;
            }
            ResponseCheck.Verdict verdict =
                    response == null
                            ? ResponseCheck.Verdict.reject("null value (tombstone)")
                            : check.check(response);
            if (verdict.rejection() != null) {
                deadLetters.add(DeadLetters.toDeadLetter(record, DLQ, verdict.rejection(), null));
            } else {
                accepted.add(new Accepted(received, response, verdict));
            }
        }
        return new StepOutput(score(accepted, model, deadLetters), deadLetters);
    }

    private static ProducerRecord<byte[], byte[]> undecodable(
            ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        String message =
                failure instanceof Error
                        ? failure.getClass().getSimpleName()
                                + " while decoding "
                                + location(record)
                                + ": "
                                + failure.getMessage()
                        : failure.getMessage();
        return DeadLetters.toDeadLetter(record, DLQ, "undecodable: " + message, failure);
    }

    private static String location(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private List<ScoredResponse> score(
            List<Accepted> accepted,
            RewardScorer model,
            List<ProducerRecord<byte[], byte[]>> deadLetters) {
        if (accepted.isEmpty()) {
            return List.of();
        }
        List<PromptResponse> inputs = new ArrayList<>(accepted.size());
        accepted.forEach(a -> inputs.add(a.verdict().input()));
        List<ForwardPasses.Outcome> outcomes = forwards.score(model, inputs);
        long nowNanos = System.nanoTime();
        Instant scoredAt = clock.instant();
        List<ScoredResponse> scored = new ArrayList<>(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            Accepted a = accepted.get(i);
            MultiObjectiveReward reward = outcomes.get(i).reward();
            if (reward == null) {
                deadLetters.add(
                        DeadLetters.toDeadLetter(
                                a.received().record(),
                                DLQ,
                                "scoring failed with model " + model.version(),
                                outcomes.get(i).failure()));
                continue;
            }
            double latencyMs = (nowNanos - a.received().receivedNanos()) / 1e6;
            RewardScored value =
                    RewardEvents.toEvent(
                            a.response(), a.verdict(), reward, model, latencyMs, scoredAt);
            byte[] key = a.response().getPromptId().getBytes(StandardCharsets.UTF_8);
            ProducerRecord<byte[], byte[]> out =
                    new ProducerRecord<>(
                            Topics.REWARDS.name(),
                            key,
                            rewardSerializer.serialize(Topics.REWARDS.name(), value));
            scored.add(new ScoredResponse(out, value));
        }
        return scored;
    }

    private record Accepted(
            ReceivedRecord received, ResponseGenerated response, ResponseCheck.Verdict verdict) {}

    /**
     * A record as the loop received it.
     *
     * @param record the raw record
     * @param receivedNanos {@link System#nanoTime()} when the poll returned it
     */
    public record ReceivedRecord(ConsumerRecord<byte[], byte[]> record, long receivedNanos) {}

    /**
     * One scored response: the record to produce and the event it carries.
     *
     * @param record the serialized record for rlhf.rewards
     * @param event the reward event
     */
    public record ScoredResponse(ProducerRecord<byte[], byte[]> record, RewardScored event) {}

    /**
     * What one step produces.
     *
     * @param scored rewards, in input order
     * @param deadLetters poison records for the DLQ
     */
    public record StepOutput(
            List<ScoredResponse> scored, List<ProducerRecord<byte[], byte[]>> deadLetters) {}
}
