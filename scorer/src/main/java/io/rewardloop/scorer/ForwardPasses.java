package io.rewardloop.scorer;

import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.model.scoring.RewardScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place an instance runs forward passes. Model versions share one backbone, which is not
 * thread-safe, so the Kafka loop and the HTTP path take turns here (a fair lock: neither starves
 * the other). A batch the model fails on is scored pair by pair, so one bad input costs only
 * itself.
 */
public final class ForwardPasses {

    private final ReentrantLock lock = new ReentrantLock(true);

    /**
     * What one pair got: a reward, or the error the model threw on it alone.
     *
     * @param reward the reward, null when the model failed on this pair
     * @param failure why, null when scored
     */
    public record Outcome(MultiObjectiveReward reward, Throwable failure) {}

    /**
     * Scores a batch with one model, alone on the backbone while it runs.
     *
     * @param model the model version
     * @param inputs the pairs
     * @return one outcome per pair, in input order
     */
    public List<Outcome> score(RewardScorer model, List<PromptResponse> inputs) {
        lock.lock();
        try {
            return scoreOrIsolateFailures(model, inputs);
        } finally {
            lock.unlock();
        }
    }

    private static List<Outcome> scoreOrIsolateFailures(
            RewardScorer model, List<PromptResponse> inputs) {
        List<Outcome> outcomes = new ArrayList<>(inputs.size());
        try {
            model.score(inputs).forEach(reward -> outcomes.add(new Outcome(reward, null)));
            return outcomes;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError batchFailure) {
            outcomes.clear();
            for (PromptResponse input : inputs) {
                try {
                    outcomes.add(new Outcome(model.score(List.of(input)).get(0), null));
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError failure) {
                    outcomes.add(new Outcome(null, failure));
                }
            }
            return outcomes;
        }
    }
}
