package io.rewardloop.model.heads;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Locale;
import java.util.Random;

/**
 * Informal benchmark of the multi-objective case at MiniLM's size, run by hand (never in CI):
 *
 * <pre>
 * java -Dai.djl.offline=true -cp "reward-model/target/test-classes:reward-model/target/classes:$CP" \
 *     io.rewardloop.model.heads.MultiObjectiveBenchmark
 * </pre>
 *
 * Random but structured data shaped like HH-RLHF: d = 384 unit-norm features, prompts from two
 * clusters (10% of prompts look like the other cluster), response features that share their
 * prompt's direction, two objectives whose true utilities overlap, weak labels (per-objective heads
 * near 0.56). Compares ArmoRM (routing loss on and off) with one linear Bradley-Terry head and with
 * oracle routing, then times inference.
 */
final class MultiObjectiveBenchmark {

    private static final int D = 384;

    private final double[] a;
    private final double[] b;
    private final double[][] centres;

    private MultiObjectiveBenchmark(long seed) {
        Random random = new Random(seed);
        a = SyntheticPreferences.unit(SyntheticPreferences.gaussian(random, D));
        double[] other = SyntheticPreferences.gaussian(random, D);
        for (int i = 0; i < D; i++) {
            other[i] = other[i] / Math.sqrt(D) - 0.3 * a[i];
        }
        b = SyntheticPreferences.unit(other);
        centres =
                new double[][] {
                    SyntheticPreferences.unit(SyntheticPreferences.gaussian(random, D)),
                    SyntheticPreferences.unit(SyntheticPreferences.gaussian(random, D))
                };
    }

    private PairSet pairs(int n, long seed) {
        Random random = new Random(seed);
        float[][] prompts = new float[n][];
        float[][] chosen = new float[n][];
        float[][] rejected = new float[n][];
        int[] objectives = new int[n];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(2);
            double[] centre = centres[random.nextDouble() < 0.1 ? 1 - k : k];
            double[] x = SyntheticPreferences.gaussian(random, D);
            for (int j = 0; j < D; j++) {
                x[j] = x[j] / Math.sqrt(D) + 0.3 * centre[j];
            }
            double[] y1 = response(random, x);
            double[] y2 = response(random, x);
            double[] direction = k == 0 ? a : b;
            double m =
                    12
                            * (SyntheticPreferences.dot(direction, y1)
                                    - SyntheticPreferences.dot(direction, y2));
            boolean first = random.nextDouble() < 1 / (1 + Math.exp(-m));
            prompts[i] = SyntheticPreferences.toFloat(SyntheticPreferences.unit(x));
            chosen[i] = SyntheticPreferences.toFloat(first ? y1 : y2);
            rejected[i] = SyntheticPreferences.toFloat(first ? y2 : y1);
            objectives[i] = k;
        }
        return PairSet.builder()
                .setPrompts(prompts)
                .setResponses(chosen, rejected)
                .optObjectives(objectives)
                .build();
    }

    private static double[] response(Random random, double[] prompt) {
        double[] y = SyntheticPreferences.gaussian(random, D);
        double[] direction = SyntheticPreferences.unit(prompt);
        for (int j = 0; j < D; j++) {
            y[j] = y[j] / Math.sqrt(D) + 0.8 * direction[j];
        }
        return SyntheticPreferences.unit(y);
    }

    public static void main(String[] args) {
        MultiObjectiveBenchmark world = new MultiObjectiveBenchmark(11);
        PairSet train = world.pairs(2000, 12);
        PairSet test = world.pairs(4000, 13);
        for (float routing : new float[] {1f, 0f}) {
            long start = System.nanoTime();
            TrainingResult result =
                    ArmoRmTrainer.builder()
                            .setObjectives(ObjectiveSet.of("a", "b"))
                            .optPairs(train)
                            .optGating(GatingConfig.builder().optRoutingWeight(routing).build())
                            .build()
                            .train();
            double trainSeconds = seconds(start);
            start = System.nanoTime();
            double gated = result.model().accuracy(test);
            double evalSeconds = seconds(start);
            print(
                    "ArmoRM routing weight %.0f: test %.4f (train %.4f, val %.4f), oracle routing"
                            + " %.4f, gate share on the true objective %.3f; train %.1f s, eval of"
                            + " %d pairs %.2f s",
                    routing,
                    gated,
                    result.metrics().get(TrainingMetrics.TRAIN_ACCURACY),
                    result.metrics().get(TrainingMetrics.VALIDATION_ACCURACY),
                    SyntheticPreferences.oracleAccuracy(result.model().heads().weights(), test),
                    share(result.model(), test),
                    trainSeconds,
                    test.size(),
                    evalSeconds);
        }
        long start = System.nanoTime();
        HeadFit single = BradleyTerryHead.builder().build().fit(train);
        print(
                "single linear Bradley-Terry head: test %.4f; fit %.1f s",
                SyntheticPreferences.accuracy(single, test), seconds(start));
        inferenceSpeed(test);
    }

    private static double share(RewardModel model, PairSet pairs) {
        double share = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double[] g = model.gating().apply(pairs.prompts()[i]);
            share += g[pairs.objectives()[i]] / (g[0] + g[1]);
        }
        return share / pairs.size();
    }

    /** Plain-Java scoring against a DJL batched forward of the same gate (the dominant cost). */
    private static void inferenceSpeed(PairSet pairs) {
        GatingBlock block = new GatingBlock(GatingConfig.defaults(), 2);
        try (Model model = Model.newInstance("bench");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, D));
            GatingWeights java = block.snapshot(D);
            float[][] x = pairs.prompts();
            double sink = 0;
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                for (float[] prompt : x) {
                    sink += java.apply(prompt)[0];
                }
                double javaMs = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                float[] flat = new float[x.length * D];
                for (int i = 0; i < x.length; i++) {
                    System.arraycopy(x[i], 0, flat, i * D, D);
                }
                try (NDManager batch = manager.newSubManager()) {
                    NDArray input = batch.create(flat, new Shape(x.length, D));
                    NDList out =
                            block.forward(
                                    new ParameterStore(batch, false), new NDList(input), false);
                    sink += out.get(0).toFloatArray()[0];
                }
                double djlMs = (System.nanoTime() - start) / 1e6;
                print(
                        "gate inference, %d prompts: Java %.1f ms (%.3f ms each), DJL batch %.1f ms",
                        x.length, javaMs, javaMs / x.length, djlMs);
            }
            print("(checksum %.3f)", sink);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
