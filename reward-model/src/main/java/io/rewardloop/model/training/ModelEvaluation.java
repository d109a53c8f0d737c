package io.rewardloop.model.training;

import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.eval.AccuracyReport;
import io.rewardloop.model.eval.PairwiseEvaluator;
import io.rewardloop.model.heads.Reward;
import io.rewardloop.model.heads.RewardModel;
import java.util.List;

/** Pairwise accuracy of a trained model on embedded pairs. */
public final class ModelEvaluation {

    private ModelEvaluation() {}

    /**
     * Scores both sides of every pair and reports accuracy overall, per subset and per objective.
     *
     * @param model the model
     * @param pairs the pairs (for their subsets and objectives)
     * @param features their features, in the same order
     * @return the report
     */
    public static AccuracyReport evaluate(
            RewardModel model, List<PreferencePair> pairs, PairFeatures features) {
        Reward[] chosen =
                model.score(features.prompts(), features.chosen(), features.chosenLengths());
        Reward[] rejected =
                model.score(features.prompts(), features.rejected(), features.rejectedLengths());
        double[] chosenScores = new double[chosen.length];
        double[] rejectedScores = new double[rejected.length];
        for (int i = 0; i < chosen.length; i++) {
            chosenScores[i] = chosen[i].score();
            rejectedScores[i] = rejected[i].score();
        }
        return PairwiseEvaluator.evaluate(pairs, chosenScores, rejectedScores);
    }
}
