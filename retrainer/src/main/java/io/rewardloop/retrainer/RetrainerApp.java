package io.rewardloop.retrainer;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.service.ServiceRunner;
import java.io.PrintWriter;

/**
 * The retrainer's entry point: configuration from the environment (see {@link RetrainerConfig}),
 * then the service until the process is stopped. The exit code is 1 when a loop died on its own.
 */
public final class RetrainerApp {

    private RetrainerApp() {}

    /**
     * Runs a retrainer instance.
     *
     * @param args unused: configuration comes from the environment and system properties
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        ConfigSource source = ConfigSource.fromSystem();
        System.exit(run(RetrainerConfig.from(source), ChannelConfig.from(source), null));
    }

    /**
     * Runs one instance until it is stopped (Ctrl-C) or dies: {@code RetrainerApp} and {@code rlhf
     * retrainer} both run it so.
     *
     * @param config the configuration
     * @param channel the model channel
     * @param console where to print the start-up line too, or null
     * @return 0 after a stop, 1 when it died
     * @throws InterruptedException when interrupted while running
     */
    public static int run(RetrainerConfig config, ChannelConfig channel, PrintWriter console)
            throws InterruptedException {
        try (ServiceRunner<RetrainerService> runner =
                ServiceRunner.builder("retrainer", () -> RetrainerService.start(config, channel))
                        .optOut(console)
                        .start()) {
            return runner.awaitExit();
        }
    }
}
