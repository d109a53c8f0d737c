package io.rewardloop.retrainer;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.heads.ArmoRmTrainer;
import io.rewardloop.model.heads.GatingConfig;
import io.rewardloop.model.heads.MetaRmConfig;
import io.rewardloop.model.heads.TrainingResult;
import io.rewardloop.model.robust.NoisyLabelHandling;
import io.rewardloop.model.robust.NoisyLabels;
import io.rewardloop.model.robust.PreferenceStrength;
import io.rewardloop.model.training.PolicyFeatures;
import io.rewardloop.model.training.RewardModelTraining;
import io.rewardloop.model.training.TrainingRequest;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Trains a round's candidate: {@link RewardModelTraining} (what {@code rlhf train} runs, trained
 * once on all the round's training pairs) plus the round's robust-training options: noisy-label
 * handling from an in-bag ensemble's preference strength (flip, smoothing, adaptive margin) and
 * MetaRM on the policy's latest responses.
 */
public final class CandidateTraining {

    /** Policy-sample groups per MetaRM step (MetaRmConfig's default). */
    static final int META_GROUP_BATCH = 256;

    /** Share of the policy groups held out to measure J before and after. */
    static final double META_HELD_OUT = 0.2;

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
        int steps =
                request.gatingSteps() == null
                        ? GatingConfig.defaults().steps()
                        : request.gatingSteps();
        UnaryOperator<ArmoRmTrainer.Builder> robust =
                trainer -> {
                    // One training run on all the round's training pairs: the round's own
                    // held-out pairs judge the candidate, so rlhf train's measuring run (10% held
                    // out, then a refit) would only double the time.
                    trainer.optValidationFraction(0);
                    NoisyLabels labels = noisyLabels();
                    if (labels.isOn()) {
                        trainer.optPairRelabelling(
                                new NoisyLabelHandling(
                                        labels,
                                        new PreferenceStrength(
                                                options.strengthMembers(), false, request.seed())));
                    }
                    // J needs two or more groups to hold some out; fewer and MetaRM stays off.
                    if (options.metaRm() && policy.size() >= 2) {
                        progress.accept(start.at("embedding policy samples", 0, policy.size()));
                        trainer.optMetaRm(
                                new MetaRmConfig(
                                        (float) options.metaRmStep(),
                                        META_GROUP_BATCH,
                                        options.metaRmInterval(),
                                        META_HELD_OUT),
                                PolicyFeatures.embed(
                                        groups(policy),
                                        backbone,
                                        (done, total, nanos) ->
                                                progress.accept(
                                                        start.at(
                                                                "embedding policy samples",
                                                                done,
                                                                total))));
                    }
                    return trainer;
                };
        return RewardModelTraining.train(
                request,
                backbone,
                (done, total, nanos) -> progress.accept(start.at("embedding", done, total)),
                (step, loss) -> progress.accept(start.at("training", step, steps)),
                robust);
    }

    private NoisyLabels noisyLabels() {
        if (options.strengthMembers() == 0) {
            return NoisyLabels.OFF;
        }
        return new NoisyLabels(
                options.flipFraction(),
                options.smoothing(),
                false,
                options.adaptiveMargin() ? 1 : 0);
    }

    private static List<List<PromptResponse>> groups(List<FeedbackLog.PolicyGroup> policy) {
        return policy.stream()
                .map(
                        group ->
                                group.responses().stream()
                                        .map(r -> new PromptResponse(group.prompt(), r))
                                        .toList())
                .toList();
    }
}
