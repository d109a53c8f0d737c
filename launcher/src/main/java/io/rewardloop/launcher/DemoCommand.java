package io.rewardloop.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf demo}: the whole loop on one command. Trains an initial model on helpful-base pairs,
 * starts everything {@code rlhf up} starts (publishing that model), plays an online RLHF loop whose
 * policy shifts to harmless-base prompts after round 1, with annotators that replay HH-RLHF's human
 * choices over HTTP, and ends with one pass/fail line: did agreement on held-out pairs that no
 * model trained on recover after the shift?
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole loop on real human labels (HH-RLHF, shipped with rlhf): policy, scorer,"
                    + " annotators over HTTP, drift, retraining, hot swap; one row per round, then"
                    + " PASS or FAIL (exit 0 or 1).",
            "Services take their usual settings (environment, system properties); the retrainer's"
                    + " defaults are scaled to the demo's sizes."
        })
final class DemoCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ClusterOptions cluster;

    @Option(
            names = "--rounds",
            defaultValue = "5",
            description = "RLHF rounds; round 1 before the shift (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(
            names = "--pairs-per-round",
            defaultValue = "150",
            description = "Pairs emitted and labelled a round (default ${DEFAULT-VALUE}).")
    private int pairsPerRound;

    @Option(
            names = "--initial-pairs",
            defaultValue = "300",
            description =
                    "Helpful-base pairs the initial model trains on (default ${DEFAULT-VALUE}).")
    private int initialPairs;

    @Option(
            names = "--held-out",
            defaultValue = "500",
            description =
                    "Harmless-base pairs never labelled, for the verdict (default ${DEFAULT-VALUE}).")
    private int heldOut;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the data split and of training (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description =
                    "Feature cache of the initial model's training (default"
                            + " ~/.cache/rlhf/demo-features), so a second run embeds nothing.")
    private Path cacheDir;

    @Option(
            names = "--wait",
            defaultValue = "PT5M",
            paramLabel = "DURATION",
            description = "Longest any one wait may take (ISO-8601, default ${DEFAULT-VALUE}).")
    private Duration wait;

    @Override
    public Integer call() {
        DemoSizes sizes = new DemoSizes(rounds, pairsPerRound, initialPairs, heldOut);
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        DemoData data = DemoData.load(sizes, seed);
        out.printf(
                "Demo on HH-RLHF's human labels (test splits, MIT licence): %s initial model on %d"
                        + " helpful-base pairs; round 1 helpful-base, rounds 2-%d harmless-base, %d"
                        + " pairs a round; %d harmless-base pairs held out, never labelled.%n",
                DemoModel.VERSION, initialPairs, rounds, pairsPerRound, heldOut);
        out.flush();
        Path model =
                DemoModel.trainInitial(data.initial(), cache(), seed, spec.commandLine().getErr());
        UpConfig config = UpConfig.from(cluster.upSource(Map.of()));
        try (KafkaStack stack = UpServices.startStack(config, out);
                UpServices services = new UpServices()) {
            Thread hook =
                    new Thread(
                            () -> {
                                services.close();
                                stack.close();
                            },
                            "rlhf-demo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                try {
                    services.start(
                            stack,
                            cluster,
                            model,
                            retrainerSettings(sizes),
                            UpServices.Selection.ALL,
                            out);
                } finally {
                    DemoModel.delete(model); // on rlhf.models now
                }
                boolean pass;
                try (DemoEvents events = new DemoEvents(stack.kafka());
                        DemoPolicy policy = new DemoPolicy(stack.kafka())) {
                    pass =
                            new DemoLoop(
                                            data,
                                            seed,
                                            wait,
                                            services,
                                            events,
                                            policy,
                                            new DemoReport(out))
                                    .play();
                }
                out.printf("Demo took %.0f s.%n", (System.nanoTime() - started) / 1e9);
                out.flush();
                return pass ? 0 : 1;
            } finally {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    private Path cache() {
        return cacheDir != null
                ? cacheDir
                : Path.of(System.getProperty("user.home"), ".cache", "rlhf", "demo-features");
    }

    /**
     * The retrainer's defaults for the demo, scaled to its sizes: a round per two rounds of labels,
     * triggers checked twice a second, reward windows of half a round and feature windows of a
     * quarter of a round's pairs (every prompt sampled, one response each), so a shift alarms
     * within a round; a false-alarm rate of 1% a window (the default 0.1% needs windows larger than
     * a demo's); the gate's tolerance at 0.05 because its held-out share of a few hundred labels is
     * small.
     *
     * @param sizes the demo's sizes
     * @return the settings by key
     */
    static Map<String, String> retrainerSettings(DemoSizes sizes) {
        int perRound = sizes.pairsPerRound();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("retrainer.trigger.feedback.count", String.valueOf(2 * perRound));
        settings.put("retrainer.trigger.check.interval", "PT0.5S");
        settings.put("retrainer.drift.window.size", String.valueOf(Math.max(10, perRound / 2)));
        settings.put("retrainer.drift.false.alarms.per.windows", "0.01");
        settings.put("retrainer.drift.embed.sample.fraction", "1");
        settings.put("retrainer.drift.embed.max.per.second", "50");
        settings.put(
                "retrainer.drift.embed.window.size", String.valueOf(Math.max(10, perRound / 4)));
        settings.put("retrainer.eval.min.pairs", "10");
        settings.put("retrainer.train.min.pairs", "20");
        settings.put("retrainer.eval.tolerance", "0.05");
        settings.put("retrainer.gating.steps", String.valueOf(DemoModel.GATING_STEPS));
        return settings;
    }
}
