package io.rewardloop.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.model.backbone.MiniLmBackbone;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.eval.AccuracyReport;
import io.rewardloop.model.heads.TrainingProgressListener;
import io.rewardloop.model.heads.TrainingResult;
import io.rewardloop.model.scoring.ArmoRmScorer;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.model.testing.ToyPreferences;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end on the real all-MiniLM-L6-v2 backbone with small, made-up data. */
class RewardModelTrainingTest {

    private static MiniLmBackbone backbone;

    @BeforeAll
    static void loadBackbone() throws Exception {
        backbone = MiniLmBackbone.builder().optMaxTokens(64).optMaxPromptTokens(32).build();
    }

    @AfterAll
    static void closeBackbone() {
        backbone.close();
    }

    /**
     * Helpful answers beat refusals; polite answers beat insults. Lengths carry no signal (every
     * refusal is longer than its helpful answer, insults and polite answers are alike), so the
     * length debiasing has nothing to remove.
     */
    static List<PreferencePair> pairs() {
        return ToyPreferences.pairs(12);
    }

    private static TrainingResult train() {
        return RewardModelTraining.train(
                new TrainingRequest(pairs(), List.of(), HeadKind.ARMO, 7, true, 40),
                backbone,
                EmbeddingProgress.NONE,
                TrainingProgressListener.NONE);
    }

    @Test
    void shouldLearnThePreferencesAndScoreEveryObjective() {
        TrainingResult result = train();
        List<PreferencePair> pairs = pairs();

        AccuracyReport report =
                ModelEvaluation.evaluate(
                        result.model(),
                        pairs,
                        PairFeatures.embed(pairs, backbone, EmbeddingProgress.NONE));

        assertThat(report.accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.byObjective()).containsOnlyKeys("helpfulness", "harmlessness");
        ArmoRmScorer scorer = new ArmoRmScorer("v1", result.model(), backbone);
        List<MultiObjectiveReward> rewards =
                scorer.score(
                        List.of(
                                new PromptResponse(
                                        "How do I bake bread?", "Mix flour and water.")));
        assertThat(scorer.objectives()).containsExactly("helpfulness", "harmlessness", "length");
        assertThat(scorer.maxSequenceTokens()).isEqualTo(64);
        assertThat(rewards.get(0).rewards()).hasSize(3);
        double weighted = 0;
        for (int k = 0; k < 3; k++) {
            weighted += rewards.get(0).gatingWeights()[k] * rewards.get(0).debiasedRewards()[k];
        }
        assertThat(rewards.get(0).score())
                .isCloseTo(weighted, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void shouldBeDeterministicGivenTheSeed() {
        List<PreferencePair> pairs = pairs();
        PairFeatures features = PairFeatures.embed(pairs, backbone, EmbeddingProgress.NONE);

        double[] first = scores(train(), features);
        double[] second = scores(train(), features);

        assertThat(second).containsExactly(first);
    }

    private static double[] scores(TrainingResult result, PairFeatures features) {
        var rewards =
                result.model()
                        .score(features.prompts(), features.chosen(), features.chosenLengths());
        double[] scores = new double[rewards.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = rewards[i].score();
        }
        return scores;
    }
}
