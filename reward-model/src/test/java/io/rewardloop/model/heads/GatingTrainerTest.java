package io.rewardloop.model.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatingTrainerTest {

    private static TrainingResult train(PairSet pairs, long seed) {
        return ArmoRmTrainer.builder()
                .setObjectives(ObjectiveSet.of("a", "b"))
                .optPairs(pairs)
                .optGating(
                        GatingConfig.builder()
                                .optHiddenSize(16)
                                .optSteps(40)
                                .optBatchSize(128)
                                .build())
                .optSeed(seed)
                .build()
                .train();
    }

    private static double[] scores(RewardModel model, PairSet pairs) {
        Reward[] rewards = model.score(pairs.prompts(), pairs.chosen(), null);
        double[] out = new double[rewards.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rewards[i].score();
        }
        return out;
    }

    @Test
    void shouldGiveIdenticalScoresForTwoRunsWithTheSameSeed() {
        SyntheticPreferences world = new SyntheticPreferences(8, 2.0, 1);
        PairSet train = world.pairs(600, 2);
        PairSet test = world.pairs(200, 3);

        double[] first = scores(train(train, 11).model(), test);
        double[] second = scores(train(train, 11).model(), test);
        double[] otherSeed = scores(train(train, 12).model(), test);

        assertThat(second).containsExactly(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void shouldReportProgressEveryStep() {
        PairSet pairs = new SyntheticPreferences(8, 2.0, 1).pairs(200, 2);
        List<Integer> steps = new ArrayList<>();

        ArmoRmTrainer.builder()
                .setObjectives(ObjectiveSet.of("a", "b"))
                .optPairs(pairs)
                .optGating(GatingConfig.builder().optHiddenSize(8).build())
                .optGatingSteps(15)
                .optProgressListener(
                        (step, loss) -> {
                            assertThat(loss).isFinite().isPositive();
                            steps.add(step);
                        })
                .build()
                .train();

        assertThat(steps).hasSize(15).startsWith(1, 2).endsWith(15);
    }

    @Test
    void shouldKeepTheBestValidationCheckpointWhenAsked() {
        PairSet pairs = new SyntheticPreferences(8, 0.5, 1).pairs(600, 2);
        GatingConfig.Builder config =
                GatingConfig.builder().optHiddenSize(16).optSteps(120).optEvaluationInterval(10);

        TrainingMetrics last = trainWith(pairs, config.build()).metrics();
        TrainingMetrics best =
                trainWith(pairs, config.optSelectBestCheckpoint(true).build()).metrics();

        assertThat(last.get("gating.best_step")).isEqualTo(120.0);
        assertThat(best.get("gating.best_step") % 10).isZero();
        assertThat(best.get(TrainingMetrics.GATING_VALIDATION_LOSS))
                .isLessThanOrEqualTo(last.get(TrainingMetrics.GATING_VALIDATION_LOSS));
    }

    @Test
    void shouldCrossFitStageTwoInputsButKeepTheFullHeads() {
        PairSet pairs = new SyntheticPreferences(8, 1.0, 1).pairs(300, 2);
        GatingConfig config = GatingConfig.builder().optHiddenSize(8).optSteps(30).build();

        TrainingResult inSample = trainWith(pairs, config);
        TrainingResult crossFit =
                ArmoRmTrainer.builder()
                        .setObjectives(ObjectiveSet.of("a", "b"))
                        .optPairs(pairs)
                        .optGating(config)
                        .optCrossFitFolds(3)
                        .build()
                        .train();

        assertThat(crossFit.model().heads().weights())
                .isDeepEqualTo(inSample.model().heads().weights());
        // out-of-fold rewards separate the training pairs less well than in-sample ones
        assertThat(crossFit.metrics().get(TrainingMetrics.GATING_TRAIN_LOSS))
                .isGreaterThan(inSample.metrics().get(TrainingMetrics.GATING_TRAIN_LOSS));
    }

    private static TrainingResult trainWith(PairSet pairs, GatingConfig config) {
        return ArmoRmTrainer.builder()
                .setObjectives(ObjectiveSet.of("a", "b"))
                .optPairs(pairs)
                .optGating(config)
                .build()
                .train();
    }

    @Test
    void shouldComputeTheSameGatingInJavaAsTheDjlBlock() {
        GatingConfig config = GatingConfig.builder().optHiddenSize(16).optInitialBeta(1.7f).build();
        GatingBlock block = new GatingBlock(config, 3);
        try (Model model = Model.newInstance("parity");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 5));
            GatingWeights java = block.snapshot(5);
            float[][] prompts = {{0.3f, -1f, 2f, 0.5f, 0f}, {-2f, 0.1f, 0.4f, 1f, 3f}};
            NDArray input =
                    manager.create(
                            new float[] {0.3f, -1f, 2f, 0.5f, 0f, -2f, 0.1f, 0.4f, 1f, 3f},
                            new Shape(2, 5));
            NDList out =
                    block.forward(new ParameterStore(manager, false), new NDList(input), false);
            float[] djl = out.get(0).toFloatArray();

            for (int i = 0; i < 2; i++) {
                double[] g = java.apply(prompts[i]);
                assertThat(g[0] + g[1] + g[2]).isCloseTo(1.7, within(1e-5));
                for (int k = 0; k < 3; k++) {
                    assertThat(g[k]).isCloseTo(djl[i * 3 + k], within(1e-5));
                }
            }
        }
    }
}
