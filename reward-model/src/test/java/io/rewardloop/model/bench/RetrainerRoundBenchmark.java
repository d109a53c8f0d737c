package io.rewardloop.model.bench;

import io.rewardloop.model.heads.ArmoRmTrainer;
import io.rewardloop.model.heads.MetaRmConfig;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.PairSet;
import io.rewardloop.model.heads.PolicySamples;
import io.rewardloop.model.heads.TrainingResult;
import io.rewardloop.model.robust.NoisyLabelHandling;
import io.rewardloop.model.robust.NoisyLabels;
import io.rewardloop.model.robust.PreferenceStrength;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times one retrainer round on cached features (benchmarks/retrainer-round.sh writes
 * benchmarks/results/retrainer-round.md): 10,000 synthetic pairs of 384-d unit features (MiniLM's
 * width; synthetic because only the timing matters), two objectives, the strength ensemble with the
 * paper's recipe, MetaRM on policy samples, ArmoRmTrainer's defaults otherwise (10% held out, then
 * the refit on all pairs).
 */
public final class RetrainerRoundBenchmark {

    private RetrainerRoundBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code [--pairs N] [--members M] [--groups G] [--no-refit] [--out FILE]}
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(arg(args, "--pairs", "10000"));
        int members = Integer.parseInt(arg(args, "--members", "5"));
        int groups = Integer.parseInt(arg(args, "--groups", "2000"));
        Path out = Path.of(arg(args, "--out", "benchmarks/results/retrainer-round.md"));
        // --no-refit: one training run (10% held out) instead of the held-out run + the refit
        boolean refit = !List.of(args).contains("--no-refit");
        // --as-retrainer: the retrainer's settings (CandidateTraining): one run on all the pairs
        // (validation fraction 0), in-bag strength, MetaRM every --metarm-interval steps (4)
        boolean asRetrainer = List.of(args).contains("--as-retrainer");
        int interval = Integer.parseInt(arg(args, "--metarm-interval", asRetrainer ? "4" : "1"));
        boolean outOfBag = !asRetrainer;
        Random random = new Random(42);
        int d = 384;
        float[][] utility = {unit(random, d), unit(random, d)};
        PairSet pairs = pairs(random, n, d, utility);
        PolicySamples policy = policy(random, groups, 4, d);

        long start = System.nanoTime();
        new PreferenceStrength(members, outOfBag, 42).estimate(pairs);
        double strengthSeconds = (System.nanoTime() - start) / 1e9;
        RobustAblation.log("strength ensemble alone: %.1f s", strengthSeconds);

        start = System.nanoTime();
        TrainingResult plain = trainer(pairs, refit, asRetrainer).build().train();
        double plainSeconds = (System.nanoTime() - start) / 1e9;
        RobustAblation.log("plain round: %.1f s", plainSeconds);

        start = System.nanoTime();
        TrainingResult round =
                trainer(pairs, refit, asRetrainer)
                        .optPairRelabelling(
                                new NoisyLabelHandling(
                                        NoisyLabels.PAPER_RECIPE,
                                        new PreferenceStrength(members, outOfBag, 42)))
                        .optMetaRm(
                                new MetaRmConfig(
                                        MetaRmConfig.defaults().eta(),
                                        MetaRmConfig.defaults().groupBatch(),
                                        interval,
                                        MetaRmConfig.defaults().heldOutFraction()),
                                policy)
                        .build()
                        .train();
        double roundSeconds = (System.nanoTime() - start) / 1e9;

        String md =
                String.format(
                        Locale.ROOT,
                        "| what | seconds |%n| --- | ---: |%n"
                                + "| strength ensemble alone (M=%d, one run on %d pairs) | %.1f |%n"
                                + "| plain round (ArmoRmTrainer defaults%s) | %.1f |%n"
                                + "| full round (recipe + ensemble + MetaRM%s) | **%.1f** |%n%n"
                                + "Validation accuracy plain %.3f, full round %.3f; metaRm.j before %.4f, after %.4f;"
                                + " %d cores, load average at the end %.1f.%n",
                        members,
                        n,
                        strengthSeconds,
                        mode(refit, asRetrainer),
                        plainSeconds,
                        mode(refit, asRetrainer) + ", MetaRM every " + interval + " steps",
                        roundSeconds,
                        plain.metrics().get("accuracy.validation"),
                        round.metrics().get("accuracy.validation"),
                        round.metrics().get("metaRm.j.before"),
                        round.metrics().get("metaRm.j.after"),
                        Runtime.getRuntime().availableProcessors(),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage());
        System.out.println(md);
        if (out.getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, md);
    }

    private static ArmoRmTrainer.Builder trainer(
            PairSet pairs, boolean refit, boolean asRetrainer) {
        ArmoRmTrainer.Builder builder =
                ArmoRmTrainer.builder()
                        .setObjectives(ObjectiveSet.of("helpfulness", "harmlessness"))
                        .optPairs(pairs)
                        .optRefitOnAll(refit)
                        .optSeed(42);
        return asRetrainer ? builder.optValidationFraction(0) : builder;
    }

    private static String mode(boolean refit, boolean asRetrainer) {
        if (asRetrainer) {
            return ", as the retrainer trains: one run on all pairs, in-bag strength";
        }
        return refit ? ", held-out run + refit" : ", one run without refit";
    }

    private static PairSet pairs(Random random, int n, int d, float[][] utility) {
        float[][] prompts = new float[n][];
        float[][] chosen = new float[n][];
        float[][] rejected = new float[n][];
        int[] objectives = new int[n];
        for (int i = 0; i < n; i++) {
            objectives[i] = i % 2;
            float[] a = unit(random, d);
            float[] b = unit(random, d);
            double margin = 8 * (dot(utility[objectives[i]], a) - dot(utility[objectives[i]], b));
            boolean aWins = random.nextDouble() < 1 / (1 + Math.exp(-margin));
            prompts[i] = unit(random, d);
            chosen[i] = aWins ? a : b;
            rejected[i] = aWins ? b : a;
        }
        return PairSet.builder()
                .setPrompts(prompts)
                .setResponses(chosen, rejected)
                .optObjectives(objectives)
                .build();
    }

    private static PolicySamples policy(Random random, int groups, int k, int d) {
        float[][] prompts = new float[groups][];
        float[][][] responses = new float[groups][k][];
        for (int g = 0; g < groups; g++) {
            prompts[g] = unit(random, d);
            for (int i = 0; i < k; i++) {
                responses[g][i] = unit(random, d);
            }
        }
        return new PolicySamples(prompts, responses, null);
    }

    private static float[] unit(Random random, int d) {
        float[] v = new float[d];
        double norm = 0;
        for (int j = 0; j < d; j++) {
            v[j] = (float) random.nextGaussian();
            norm += v[j] * v[j];
        }
        for (int j = 0; j < d; j++) {
            v[j] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
