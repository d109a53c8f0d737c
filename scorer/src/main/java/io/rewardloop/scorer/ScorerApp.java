package io.rewardloop.scorer;

import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.service.ServiceRunner;
import java.io.PrintWriter;

/**
 * The scorer's entry point: configuration from the environment (see {@link ScorerConfig}), then the
 * service until the process is stopped (Ctrl-C finishes the current transaction and closes
 * everything). The exit code is 1 when the scoring loop ended on its own.
 */
public final class ScorerApp {

    private ScorerApp() {}

    /**
     * Runs a scorer instance.
     *
     * @param args unused: configuration comes from the environment and system properties
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        System.exit(run(ScorerConfig.from(ConfigSource.fromSystem()), null));
    }

    /**
     * Runs one instance until it is stopped (Ctrl-C) or dies: {@code ScorerApp} and {@code rlhf
     * scorer} both run it so.
     *
     * @param config the configuration
     * @param console where to print the start-up line too (the CLI's console), or null
     * @return 0 after a stop, 1 when the scoring loop ended on its own
     * @throws InterruptedException when interrupted while running
     */
    public static int run(ScorerConfig config, PrintWriter console) throws InterruptedException {
        ArtifactModelLoader loader = new ArtifactModelLoader(config.backboneBatchTokens());
        try (ServiceRunner<ScorerService> runner =
                ServiceRunner.builder("scorer", () -> ScorerService.start(config, loader))
                        .optAlsoClose(loader)
                        .optOut(console)
                        .start()) {
            return runner.awaitExit();
        }
    }
}
