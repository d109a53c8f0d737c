package io.rewardloop.model.bench;

import static io.rewardloop.model.training.EmbeddingProgress.NONE;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.MiniLmBackbone;
import io.rewardloop.model.cache.DiskCachedBackbone;
import io.rewardloop.model.data.LineSelection;
import io.rewardloop.model.data.PairFileReader;
import io.rewardloop.model.data.PairSource;
import io.rewardloop.model.heads.ArmoRmTrainer;
import io.rewardloop.model.heads.MetaRmConfig;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.PairSet;
import io.rewardloop.model.heads.PolicySamples;
import io.rewardloop.model.heads.RewardModel;
import io.rewardloop.model.heads.TrainingResult;
import io.rewardloop.model.robust.NoisyLabelHandling;
import io.rewardloop.model.robust.NoisyLabels;
import io.rewardloop.model.robust.PreferenceStrength;
import io.rewardloop.model.training.PairFeatures;
import io.rewardloop.model.training.RewardModelTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The retrainer's ablation on HH-RLHF (benchmarks/retrainer-ablation.sh writes
 * benchmarks/results/retrainer-ablation.md): noisy-label handling and MetaRM against plain
 * Bradley-Terry on frozen all-MiniLM-L6-v2 features, each seed splitting helpful-base and
 * harmless-base 50/50 into train and evaluation halves. Every setting is fixed a priori (see {@link
 * #SINGLE} and {@link #MULTI}); nothing is tuned on the evaluation halves.
 */
public final class RobustAblation {

    /** One training recipe. */
    private record Variant(String label, NoisyLabels labels, boolean outOfBag, boolean metaRm) {}

    /** Single-objective recipes (stage 1 decides the ranking when K = 1). */
    private static final List<Variant> SINGLE =
            List.of(
                    new Variant("plain BT", NoisyLabels.OFF, true, false),
                    new Variant("+ flip 10%", NoisyLabels.flip(0.1), true, false),
                    new Variant("+ flip 10% (in-bag mu)", NoisyLabels.flip(0.1), false, false),
                    new Variant(
                            "+ smoothing 0.1 (mu<0)", NoisyLabels.smoothNegative(0.1), true, false),
                    new Variant("+ margin", NoisyLabels.margin(1), true, false),
                    new Variant(
                            "+ recipe (smoothing mu<0 + margin)",
                            NoisyLabels.PAPER_RECIPE,
                            true,
                            false));

    /** Two-objective ArmoRM recipes (the gate decides how the heads combine). */
    private static final List<Variant> MULTI =
            List.of(
                    new Variant("ArmoRM plain", NoisyLabels.OFF, true, false),
                    new Variant("ArmoRM + recipe", NoisyLabels.PAPER_RECIPE, true, false),
                    new Variant("ArmoRM + MetaRM", NoisyLabels.OFF, true, true),
                    new Variant("ArmoRM + recipe + MetaRM", NoisyLabels.PAPER_RECIPE, true, true));

    private static final int MEMBERS = 5;

    private final Map<String, List<double[]>> outcomes = new LinkedHashMap<>();
    private final Map<String, List<Double>> extras = new LinkedHashMap<>();
    private final PairSet helpful;
    private final PairSet harmless;

    private RobustAblation(PairSet helpful, PairSet harmless) {
        this.helpful = helpful;
        this.harmless = harmless;
    }

    /**
     * Runs the ablation.
     *
     * @param args {@code --data DIR --cache DIR --out FILE [--seeds N] [--first-seed N]
     *     [--harmless-limit N] [--skip-single]}
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(arg(args, "--data", "../shared/data/hh-rlhf"));
        Path cache = Path.of(arg(args, "--cache", "benchmarks/work/feature-cache"));
        Path out = Path.of(arg(args, "--out", "benchmarks/results/retrainer-ablation.md"));
        int seeds = Integer.parseInt(arg(args, "--seeds", "5"));
        int firstSeed = Integer.parseInt(arg(args, "--first-seed", "1"));
        int harmlessLimit = Integer.parseInt(arg(args, "--harmless-limit", "0"));
        long start = System.nanoTime();
        try (Backbone backbone = new DiskCachedBackbone(MiniLmBackbone.builder().build(), cache)) {
            RobustAblation ablation =
                    new RobustAblation(
                            read(data, "helpful-base", backbone, 0),
                            read(data, "harmless-base", backbone, harmlessLimit));
            // Cheap phases first; the report is rewritten after each, so a cut-short run keeps
            // what it measured.
            // --skip-single: the two-objective runs alone (e.g. in a second JVM)
            for (int seed = firstSeed;
                    seed <= seeds && !List.of(args).contains("--skip-single");
                    seed++) {
                ablation.runSingleObjective(seed);
            }
            ablation.write(out, args, start);
            for (int seed = firstSeed; seed <= seeds; seed++) {
                ablation.runTwoObjectives(seed);
                ablation.write(out, args, start);
            }
            ablation.runSingleObjectiveMetaRm();
            System.out.println(ablation.write(out, args, start));
        }
    }

    private String write(Path out, String[] args, long start) throws java.io.IOException {
        String report =
                new AblationReport(outcomes, extras)
                        .render(String.join(" ", args), (System.nanoTime() - start) / 60e9);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        return report;
    }

    private void runSingleObjective(int seed) {
        PairSet[] help = split(helpful, seed);
        PairSet[] harm = split(harmless, seed);
        for (Variant variant : SINGLE) {
            log("seed %d: %s", seed, variant.label);
            RewardModel h = train(ObjectiveSet.of("helpfulness"), help[0], variant, seed, null, 0);
            record("helpful -> helpful", variant.label, h, help[1]);
            record("helpful -> harmless (shift)", variant.label, h, harm[1]);
            RewardModel x = train(ObjectiveSet.of("harmlessness"), harm[0], variant, seed, null, 0);
            record("harmless -> harmless", variant.label, x, harm[1]);
            record("harmless -> helpful (shift)", variant.label, x, help[1]);
        }
    }

    private void runTwoObjectives(int seed) {
        PairSet[] help = split(helpful, seed);
        PairSet[] harm = split(harmless, seed);
        PairSet both = concat(help[0], harm[0], 0, 1);
        PairSet bothEval = concat(help[1], harm[1], 0, 1);
        PolicySamples policy = asPolicy(bothEval);
        for (Variant variant : MULTI) {
            log("seed %d: %s", seed, variant.label);
            RewardModel m =
                    train(
                            ObjectiveSet.of("helpfulness", "harmlessness"),
                            both,
                            variant,
                            seed,
                            variant.metaRm ? policy : null,
                            null);
            record("helpful + harmless -> both (K=2)", variant.label, m, bothEval);
        }
    }

    /**
     * One seed of the single-objective ArmoRM with and without MetaRM on harmless prompts: with K =
     * 1 the score is beta * r', so the gate cannot reorder anything.
     */
    private void runSingleObjectiveMetaRm() {
        PairSet[] help = split(helpful, 1);
        PairSet[] harm = split(harmless, 1);
        for (Variant variant :
                List.of(
                        new Variant("ArmoRM K=1 plain", NoisyLabels.OFF, true, false),
                        new Variant("ArmoRM K=1 + MetaRM", NoisyLabels.OFF, true, true))) {
            log("K=1 MetaRM check: %s", variant.label);
            RewardModel m =
                    train(
                            ObjectiveSet.of("helpfulness"),
                            help[0],
                            variant,
                            1,
                            variant.metaRm ? asPolicy(harm[1]) : null,
                            null);
            record("helpful -> harmless, ArmoRM K=1, seed 1", variant.label, m, harm[1]);
        }
    }

    private RewardModel train(
            ObjectiveSet objectives,
            PairSet train,
            Variant variant,
            long seed,
            PolicySamples policy,
            Integer gatingSteps) {
        // validation fraction 0 gives exactly the refit model that rlhf train returns
        ArmoRmTrainer.Builder trainer =
                ArmoRmTrainer.builder()
                        .setObjectives(objectives)
                        .optPairs(train)
                        .optSeed(seed)
                        .optValidationFraction(0);
        if (gatingSteps != null) {
            trainer.optGatingSteps(gatingSteps);
        }
        NoisyLabelHandling handling = null;
        if (variant.labels.isOn()) {
            handling =
                    new NoisyLabelHandling(
                            variant.labels,
                            new PreferenceStrength(MEMBERS, variant.outOfBag, seed));
            trainer.optPairRelabelling(handling);
        }
        if (policy != null) {
            trainer.optMetaRm(MetaRmConfig.defaults(), policy);
        }
        TrainingResult result = trainer.build().train();
        String key = variant.label + "|" + objectives.names();
        for (String metric :
                List.of("strength.negative_share", "metaRm.j.before", "metaRm.j.after")) {
            double value = result.metrics().get(metric);
            if (!Double.isNaN(value)) {
                extras.computeIfAbsent(key + "|" + metric, k -> new ArrayList<>()).add(value);
            }
        }
        return result.model();
    }

    private void record(String protocol, String variant, RewardModel model, PairSet eval) {
        double[] o = new double[eval.size()];
        for (int i = 0; i < o.length; i++) {
            double margin = model.margin(eval, i);
            o[i] = margin > 0 ? 1 : margin == 0 ? 0.5 : 0;
        }
        outcomes.computeIfAbsent(protocol + "\t" + variant, k -> new ArrayList<>()).add(o);
        log("  %s: %.4f", protocol, Arrays.stream(o).average().orElse(Double.NaN));
    }

    /** {train half, evaluation half}, seeded. */
    private static PairSet[] split(PairSet pairs, long seed) {
        int[] order = new int[pairs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int half = order.length / 2;
        int[] train = Arrays.copyOfRange(order, 0, half);
        int[] eval = Arrays.copyOfRange(order, half, order.length);
        Arrays.sort(train);
        Arrays.sort(eval);
        return new PairSet[] {pairs.subset(train), pairs.subset(eval)};
    }

    private static PairSet concat(PairSet a, PairSet b, int objectiveA, int objectiveB) {
        int n = a.size() + b.size();
        float[][] p = new float[n][];
        float[][] c = new float[n][];
        float[][] r = new float[n][];
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            PairSet from = i < a.size() ? a : b;
            int j = i < a.size() ? i : i - a.size();
            p[i] = from.prompts()[j];
            c[i] = from.chosen()[j];
            r[i] = from.rejected()[j];
            o[i] = i < a.size() ? objectiveA : objectiveB;
        }
        return PairSet.builder().setPrompts(p).setResponses(c, r).optObjectives(o).build();
    }

    /** The pairs' prompts and both responses as unlabelled policy groups of two. */
    private static PolicySamples asPolicy(PairSet pairs) {
        float[][][] groups = new float[pairs.size()][][];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = new float[][] {pairs.chosen()[i], pairs.rejected()[i]};
        }
        return new PolicySamples(pairs.prompts(), groups, null);
    }

    /** The file's pairs, or its first {@code limit} when positive (a deterministic subsample). */
    private static PairSet read(Path data, String file, Backbone backbone, int limit) {
        var all =
                PairFileReader.read(
                        new PairSource(data.resolve(file + "_test.jsonl.gz"), null),
                        LineSelection.ALL);
        var pairs = limit > 0 && limit < all.size() ? all.subList(0, limit) : all;
        PairFeatures features = PairFeatures.embed(pairs, backbone, NONE);
        int[] objectives = new int[pairs.size()];
        return RewardModelTraining.pairSet(features, objectives);
    }

    static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
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
