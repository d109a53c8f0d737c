package io.rewardloop.launcher;

import io.rewardloop.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf up}: starts an embedded Kafka broker (or uses an existing cluster), creates every
 * topic, serves a Confluent-compatible Schema Registry (unless {@code --schema-registry-url} names
 * one, or {@code embedded}), starts the services, and runs until Ctrl-C. With {@code --smoke} it
 * round-trips one record of every event type instead, and exits 0 when all of them came back
 * intact.
 */
@Command(
        name = "up",
        description = {
            "Start the reward loop here: an embedded Kafka broker and every topic, until Ctrl-C.",
            "With --bootstrap-servers, use that cluster and start no broker."
        },
        mixinStandardHelpOptions = true)
public final class UpCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);
    private static final Duration SMOKE_TIMEOUT = Duration.ofSeconds(30);

    @Spec private CommandSpec spec;
    @Mixin private ClusterOptions cluster;

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            description = "Embedded broker port; 0 = any free port (env KAFKA_PORT, default 9092).")
    private Integer kafkaPort;

    @Option(
            names = "--kafka-log-dir",
            paramLabel = "DIR",
            description = "Keep the embedded broker's data here across runs (env KAFKA_LOG_DIR).")
    private Path kafkaLogDir;

    @Option(
            names = "--registry-port",
            paramLabel = "PORT",
            description =
                    "Port of the Schema Registry up serves when no --schema-registry-url is given;"
                            + " 0 = any free port (env REGISTRY_PORT, default 8081).")
    private Integer registryPort;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description = "Publish this model (written by rlhf train) to rlhf.models at start.")
    private Path model;

    @Option(names = "--no-scorer", description = "Do not start a scorer.")
    private boolean noScorer;

    @Option(names = "--no-ingest", description = "Do not start the feedback ingest.")
    private boolean noIngest;

    @Option(names = "--no-retrainer", description = "Do not start the retrainer.")
    private boolean noRetrainer;

    @Option(names = "--no-status", description = "Do not serve the status page.")
    private boolean noStatus;

    @Option(
            names = "--smoke",
            description = "Round-trip one record of every event type, then exit (0 = all passed).")
    private boolean smoke;

    /**
     * Runs the command.
     *
     * @return the exit code: 0 on success, 1 when the smoke test failed
     * @throws InterruptedException when interrupted while waiting for Ctrl-C
     */
    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> flags = new HashMap<>();
        flags.put(UpConfig.KAFKA_PORT, kafkaPort);
        flags.put(UpConfig.KAFKA_LOG_DIR, kafkaLogDir);
        flags.put(UpConfig.REGISTRY_PORT, registryPort);
        UpConfig config = UpConfig.from(cluster.upSource(flags));
        PrintWriter out = spec.commandLine().getOut();
        KafkaStack stack = UpServices.startStack(config, out);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C stops the broker cleanly (and deletes its temporary data) in either mode.
        Thread hook = new Thread(() -> stop(stack, out, stopped), "rlhf-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (smoke) {
            try {
                return smokeTest(stack, out);
            } finally {
                stack.close();
                removeHook(hook);
            }
        }
        // Started in order, stopped in reverse, all before the broker.
        UpServices services = new UpServices();
        removeHook(hook);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    services.close();
                                    stop(stack, out, stopped);
                                },
                                "rlhf-up-shutdown"));
        services.start(
                stack,
                cluster,
                model,
                Map.of(),
                new UpServices.Selection(!noScorer, !noIngest, !noRetrainer, !noStatus),
                out);
        out.printf(
                "Up. Clients connect with bootstrap.servers=%s schema.registry.url=%s. Press"
                        + " Ctrl-C to stop.%n",
                stack.bootstrapServers(),
                stack.kafka().serdeConfig().get(UpConfig.SCHEMA_REGISTRY_URL));
        out.flush();
        stopped.await();
        return 0;
    }

    private static int smokeTest(KafkaStack stack, PrintWriter out) {
        out.printf(
                "Smoke test: one record of every event type through %s%n",
                stack.bootstrapServers());
        List<SmokeCheck.Result> results =
                SmokeCheck.run(stack.kafka(), Topics.all(), SMOKE_TIMEOUT);
        return ConsoleReport.smoke(out, results) ? 0 : 1;
    }

    private static void stop(KafkaStack stack, PrintWriter out, CountDownLatch stopped) {
        LOG.info("Stopping");
        stack.close();
        out.println("Stopped.");
        out.flush();
        stopped.countDown();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; it closes the stack again, which does nothing.
        }
    }
}
