package io.rewardloop.retrainer;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.heads.TrainingResult;
import io.rewardloop.model.training.RewardModelTraining;
import io.rewardloop.model.training.TrainingRequest;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a round's candidate: {@link RewardModelTraining} (what {@code rlhf train} runs) with the
 * round's robust-training options, reporting progress.
 */
public final class CandidateTraining {

    private final TrainingOptions options;

    /**
     * Creates the trainer.
     *
     * @param options preference strength, noisy-label handling, MetaRM
     */
    public CandidateTraining(TrainingOptions options) {
        this.options = options;
    }

    /**
     * Trains.
     *
     * @param request pairs, ratings, seed, steps
     * @param policy the policy's latest responses grouped by prompt (for MetaRM)
     * @param backbone the (cached) backbone
     * @param start the round's progress
     * @param progress told as training goes
     * @return the candidate and its training metrics
     */
    public TrainingResult train(
            TrainingRequest request,
            List<FeedbackLog.PolicyGroup> policy,
            Backbone backbone,
            RoundProgress start,
            Consumer<RoundProgress> progress) {
        int steps = request.gatingSteps() == null ? 0 : request.gatingSteps();
        return RewardModelTraining.train(
                request,
                backbone,
                (done, total, nanos) -> progress.accept(start.at("embedding", done, total)),
                (step, loss) -> progress.accept(start.at("training", step, steps)));
    }
}
