package io.rewardloop.feedback;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.service.ServiceRunner;
import java.io.PrintWriter;

/**
 * The feedback ingest's entry point: configuration from the environment (see {@link IngestConfig}),
 * then the service until the process is stopped (Ctrl-C stops the HTTP API, then commits and closes
 * the Streams application). The exit code is 1 when the Streams application ended on its own.
 */
public final class FeedbackIngestApp {

    private FeedbackIngestApp() {}

    /**
     * Runs a feedback-ingest instance.
     *
     * @param args unused: configuration comes from the environment and system properties
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        System.exit(run(IngestConfig.from(ConfigSource.fromSystem()), null));
    }

    /**
     * Runs one instance until it is stopped (Ctrl-C) or dies.
     *
     * @param config the configuration
     * @param console where to print the start-up line too (the CLI's console), or null
     * @return 0 after a stop, 1 when the Streams application ended on its own
     * @throws InterruptedException when interrupted while running
     */
    public static int run(IngestConfig config, PrintWriter console) throws InterruptedException {
        try (ServiceRunner<FeedbackIngestService> runner =
                ServiceRunner.builder("feedback-ingest", () -> FeedbackIngestService.start(config))
                        .optOut(console)
                        .start()) {
            return runner.awaitExit();
        }
    }
}
