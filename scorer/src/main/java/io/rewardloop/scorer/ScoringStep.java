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

    private final Function<ConsumerRecord<byte[], byte[]>, ResponseGenerated> decoder;
    private final Serializer<RewardScored> rewardSerializer;
    private final ResponseCheck check;
    private final Clock clock;

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
        this.decoder = decoder;
        this.rewardSerializer = rewardSerializer;
        this.check = new ResponseCheck(config.maxTextChars(), config.oversizedPolicy());
        this.clock = clock;
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
        List<MultiObjectiveReward> rewards = scoreOrIsolateFailures(accepted, model);
        long nowNanos = System.nanoTime();
        Instant scoredAt = clock.instant();
        List<ScoredResponse> scored = new ArrayList<>(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            Accepted a = accepted.get(i);
            if (rewards.get(i) == null) {
                deadLetters.add(
                        DeadLetters.toDeadLetter(
                                a.received().record(),
                                DLQ,
                                "scoring failed with model " + model.version(),
                                a.failure()));
                continue;
            }
            double latencyMs = (nowNanos - a.received().receivedNanos()) / 1e6;
            RewardScored value =
                    RewardEvents.toEvent(
                            a.response(), a.verdict(), rewards.get(i), model, latencyMs, scoredAt);
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

    /**
     * Scores the whole batch at once; if the model fails on it, scores record by record so that one
     * bad input costs only itself (null where a record failed, its error kept).
     */
    private static List<MultiObjectiveReward> scoreOrIsolateFailures(
            List<Accepted> accepted, RewardScorer model) {
        List<PromptResponse> inputs = new ArrayList<>(accepted.size());
        accepted.forEach(a -> inputs.add(a.verdict().input()));
        try {
            return model.score(inputs);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError batchFailure) {
            List<MultiObjectiveReward> rewards = new ArrayList<>(accepted.size());
            for (Accepted a : accepted) {
                try {
                    rewards.add(model.score(List.of(a.verdict().input())).get(0));
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError failure) {
                    a.failure = failure;
                    rewards.add(null);
                }
            }
            return rewards;
        }
    }

    private static final class Accepted {
        private final ReceivedRecord received;
        private final ResponseGenerated response;
        private final ResponseCheck.Verdict verdict;
        private Throwable failure;

        Accepted(
                ReceivedRecord received,
                ResponseGenerated response,
                ResponseCheck.Verdict verdict) {
            this.received = received;
            this.response = response;
            this.verdict = verdict;
        }

        ReceivedRecord received() {
            return received;
        }

        ResponseGenerated response() {
            return response;
        }

        ResponseCheck.Verdict verdict() {
            return verdict;
        }

        Throwable failure() {
            return failure;
        }
    }

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
