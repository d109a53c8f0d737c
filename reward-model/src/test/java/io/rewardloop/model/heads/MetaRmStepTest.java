package io.rewardloop.model.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetaRmStepTest {

    private static final float ETA = 0.5f;

    private final ObjectiveHeads heads =
            new ObjectiveHeads(
                    ObjectiveSet.of("a", "b"),
                    new float[][] {{1f, -0.5f, 0.2f}, {0.3f, 0.8f, -1f}},
                    Debiasing.none(2),
                    null);
    private final PolicySamples policy =
            new PolicySamples(
                    new float[][] {{0.5f, -1f, 0.2f}, {-0.3f, 0.4f, 1.2f}},
                    new float[][][] {
                        {{1f, 0f, 0.5f}, {-0.5f, 1f, 0f}, {0.2f, 0.2f, -1f}},
                        {{0f, 1.5f, 0.3f}, {1f, -0.2f, 0.4f}}
                    },
                    null);
    private final PairSet labelled =
            PairSet.builder()
                    .setPrompts(new float[][] {{1f, 0f, 0f}, {0f, 1f, -0.5f}, {0.3f, 0.3f, 0.3f}})
                    .setResponses(
                            new float[][] {{1f, 0.5f, 0f}, {0f, 1f, 1f}, {-1f, 0f, 0.5f}},
                            new float[][] {{0f, 0f, 1f}, {0.5f, -0.5f, 0f}, {0.2f, 1f, 0f}})
                    .build();

    @Test
    void shouldTakeTheBradleyTerryGradientAtThetaPlusEtaGradJAndRestoreTheta() {
        checkMetaStep();
    }

    /**
     * PyTorch records gradients by default on a thread DJL did not load the engine on (a service's
     * round thread when another thread loaded a backbone first); the in-place moves of the
     * parameters must not depend on that.
     */
    @Test
    void shouldTakeTheStepOnAThreadThatRecordsGradients() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                JniUtils.setGradMode(true);
                                checkMetaStep();
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        });
        thread.start();
        thread.join();

        assertThat(failure.get()).isNull();
    }

    private void checkMetaStep() {
        GatingConfig config =
                GatingConfig.builder()
                        .optHiddenLayers(0)
                        .optDropout(0)
                        .optTau(1)
                        .optRoutingWeight(0)
                        .build();
        GatingData data = GatingData.of(heads, labelled);
        Engine.getInstance().setRandomSeed(5);
        GatingBlock block = new GatingBlock(config, 2);
        try (Model model = Model.newInstance("meta-step")) {
            model.setBlock(block);
            DefaultTrainingConfig training =
                    new DefaultTrainingConfig(new BradleyTerryLoss(0))
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(Tracker.fixed(0.1f))
                                            .build());
            try (Trainer trainer = model.newTrainer(training)) {
                trainer.initialize(new Shape(1, 3));
                GatingWeights theta = block.snapshot(3);
                MetaRmStep step =
                        new MetaRmStep(
                                new MetaRmConfig(ETA, 2, 1, 0), PolicyGroups.of(heads, policy), 1);
                double[] djlGradient;
                try (NDManager batch = trainer.getManager().newSubManager()) {
                    List<NDArray> saved = step.ascend(trainer, block, batch);
                    int[] all = {0, 1, 2};
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList gating = trainer.forward(new NDList(data.prompts(batch, all)));
                        NDArray loss =
                                trainer.getLoss()
                                        .evaluate(new NDList(data.margins(batch, all)), gating);
                        collector.backward(loss);
                    }
                    MetaRmStep.restore(block, saved);
                    djlGradient = gradients(block);
                }

                GatingWeights restored = block.snapshot(3);
                assertThat(restored.weight(0)).containsExactly(theta.weight(0));
                assertThat(restored.bias(0)).containsExactly(theta.bias(0));
                assertThat(restored.beta()).isEqualTo(theta.beta());
                assertThat(step.lastDifferenceLoss()).isCloseTo(j(flatten(theta)), within(1e-5));

                double[] gradJ = finiteDifference(this::j, flatten(theta));
                double[] thetaPrime = flatten(theta);
                for (int i = 0; i < thetaPrime.length; i++) {
                    thetaPrime[i] += ETA * gradJ[i];
                }
                double[] expected = finiteDifference(this::bradleyTerry, thetaPrime);
                double[] atTheta = finiteDifference(this::bradleyTerry, flatten(theta));
                for (int i = 0; i < expected.length; i++) {
                    assertThat(djlGradient[i])
                            .as("parameter %d", i)
                            .isCloseTo(expected[i], within(2e-3));
                }
                assertThat(maxDistance(expected, atTheta))
                        .as("the meta step moved the gradient measurably")
                        .isGreaterThan(1e-2);
            }
        }
    }

    /** Gradients in the order of {@link #flatten}: W (row-major), bias, beta. */
    private static double[] gradients(GatingBlock block) {
        float[] w =
                block.getParameters()
                        .get("01linear0_weight")
                        .getArray()
                        .getGradient()
                        .toFloatArray();
        float[] b =
                block.getParameters().get("01linear0_bias").getArray().getGradient().toFloatArray();
        float beta = block.getParameters().get("beta").getArray().getGradient().getFloat();
        double[] out = new double[w.length + b.length + 1];
        IntStream.range(0, w.length).forEach(i -> out[i] = w[i]);
        IntStream.range(0, b.length).forEach(i -> out[w.length + i] = b[i]);
        out[out.length - 1] = beta;
        return out;
    }

    private static double[] flatten(GatingWeights g) {
        double[] out = new double[g.weight(0).length + g.bias(0).length + 1];
        for (int i = 0; i < g.weight(0).length; i++) {
            out[i] = g.weight(0)[i];
        }
        for (int i = 0; i < g.bias(0).length; i++) {
            out[g.weight(0).length + i] = g.bias(0)[i];
        }
        out[out.length - 1] = g.beta();
        return out;
    }

    private static GatingWeights unflatten(double[] p) {
        float[] w = new float[6];
        float[] b = new float[2];
        for (int i = 0; i < 6; i++) {
            w[i] = (float) p[i];
        }
        b[0] = (float) p[6];
        b[1] = (float) p[7];
        return new GatingWeights(
                new int[] {3, 2}, new float[][] {w}, new float[][] {b}, (float) p[8], 1f);
    }

    private double j(double[] p) {
        return policy.differenceLoss(new RewardModel(heads, unflatten(p)));
    }

    private double bradleyTerry(double[] p) {
        RewardModel model = new RewardModel(heads, unflatten(p));
        double sum = 0;
        for (int i = 0; i < labelled.size(); i++) {
            sum += Vectors.softplus(-model.margin(labelled, i));
        }
        return sum / labelled.size();
    }

    private static double[] finiteDifference(ToDoubleFunction<double[]> f, double[] p) {
        double h = 1e-3;
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double[] up = p.clone();
            double[] down = p.clone();
            up[i] += h;
            down[i] -= h;
            out[i] = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h);
        }
        return out;
    }

    private static double maxDistance(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
