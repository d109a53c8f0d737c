package io.rewardloop.model.training;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.data.RatedExample;
import io.rewardloop.model.heads.ArmoRmTrainer;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.PairSet;
import io.rewardloop.model.heads.RatingSet;
import io.rewardloop.model.heads.TrainingProgressListener;
import io.rewardloop.model.heads.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Trains a reward model from data: plan the objectives, embed pairs and ratings with the frozen
 * backbone, then run ArmoRM's stages (or the linear baseline).
 */
public final class RewardModelTraining {

    private RewardModelTraining() {}

    /**
     * Trains.
     *
     * @param request the data and settings
     * @param backbone the frozen backbone
     * @param embedding told as embedding proceeds
     * @param training told at each gating step
     * @return the model and its training metrics
     */
    public static TrainingResult train(
            TrainingRequest request,
            Backbone backbone,
            EmbeddingProgress embedding,
            TrainingProgressListener training) {
        return train(request, backbone, embedding, training, UnaryOperator.identity());
    }

    /**
     * Trains with extra trainer options (the retrainer's noisy-label handling and MetaRM: {@link
     * ArmoRmTrainer.Builder#optPairRelabelling}, {@link ArmoRmTrainer.Builder#optMetaRm}), applied
     * after the request's own settings; everything else is what {@code rlhf train} runs.
     *
     * @param request the data and settings
     * @param backbone the frozen backbone
     * @param embedding told as embedding proceeds
     * @param training told at each gating step
     * @param options adds options to the trainer builder and returns it
     * @return the model and its training metrics
     */
    public static TrainingResult train(
            TrainingRequest request,
            Backbone backbone,
            EmbeddingProgress embedding,
            TrainingProgressListener training,
            UnaryOperator<ArmoRmTrainer.Builder> options) {
        ObjectivePlan plan =
                ObjectivePlan.of(
                        request.head(),
                        request.pairs(),
                        request.ratings(),
                        request.lengthObjective());
        ArmoRmTrainer.Builder trainer =
                ArmoRmTrainer.builder()
                        .setObjectives(plan.objectives())
                        .optSeed(request.seed())
                        .optProgressListener(training);
        if (!request.pairs().isEmpty()) {
            PairFeatures features = PairFeatures.embed(request.pairs(), backbone, embedding);
            trainer.optPairs(pairSet(features, plan.objectiveIndices(request.pairs())));
        }
        if (!request.ratings().isEmpty()) {
            trainer.optRatings(
                    ratingSet(request.ratings(), plan.objectives(), backbone, embedding));
        }
        if (request.head() == HeadKind.LINEAR) {
            trainer.optGatingSteps(0);
        } else if (request.gatingSteps() != null) {
            trainer.optGatingSteps(request.gatingSteps());
        }
        return options.apply(trainer).build().train();
    }

    /**
     * The pair set the heads train on.
     *
     * @param features the embedded pairs
     * @param objectives each pair's objective index
     * @return the pair set
     */
    public static PairSet pairSet(PairFeatures features, int[] objectives) {
        return PairSet.builder()
                .setPrompts(features.prompts())
                .setResponses(features.chosen(), features.rejected())
                .optObjectives(objectives)
                .optLengths(features.chosenLengths(), features.rejectedLengths())
                .build();
    }

    private static RatingSet ratingSet(
            List<RatedExample> ratings,
            ObjectiveSet objectives,
            Backbone backbone,
            EmbeddingProgress embedding) {
        List<PromptResponse> rows = new ArrayList<>(ratings.size());
        ratings.forEach(r -> rows.add(new PromptResponse(r.prompt(), r.response())));
        Features features = ChunkedEmbedding.embed(backbone, rows, embedding);
        double[][] values = new double[ratings.size()][objectives.size()];
        int[] lengths = new int[ratings.size()];
        for (int i = 0; i < values.length; i++) {
            RatedExample example = ratings.get(i);
            for (int k = 0; k < objectives.size(); k++) {
                Double value = example.ratings().get(objectives.get(k).name());
                values[i][k] = value == null ? Double.NaN : value;
            }
            lengths[i] = example.response().length();
        }
        return RatingSet.builder()
                .setFeatures(features.responseFeatures())
                .setRatings(values)
                .optLengths(lengths)
                .build();
    }
}
