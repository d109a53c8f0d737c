package io.rewardloop.launcher;

import io.rewardloop.service.KafkaSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf replay FILE}: JSONL responses through the running system ({@code rlhf.responses}, the
 * scorer, {@code rlhf.rewards}), JSONL rewards out in input order.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Send JSONL responses {prompt, response[, responseId, promptId, policyVersion,"
                    + " rlhfRound, messages, metadata]} to rlhf.responses and print, in input"
                    + " order, one JSON line per input line: the reward the running scorer"
                    + " published (as rlhf score prints it, with line and responseId), or an"
                    + " error. Progress goes to stderr. Exit 1 when any line failed."
        })
final class ReplayCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "FILE", description = "JSONL responses; - for stdin.")
    private String file;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the rewards here instead of stdout.")
    private Path out;

    @Option(
            names = "--policy-version",
            paramLabel = "V",
            defaultValue = "replay",
            description = "policyVersion of lines that name none (default ${DEFAULT-VALUE}).")
    private String policyVersion;

    @Option(
            names = "--round",
            paramLabel = "N",
            defaultValue = "0",
            description = "rlhfRound of lines that name none (default ${DEFAULT-VALUE}).")
    private long round;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            defaultValue = "PT2M",
            description =
                    "Give up when no result arrives for this long (ISO-8601, default"
                            + " ${DEFAULT-VALUE}).")
    private Duration idleTimeout;

    @Override
    public Integer call() throws Exception {
        KafkaSettings kafka = KafkaSettings.from(cluster.source(Map.of()), "localhost:9092");
        String runId = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        ReplayLine.Defaults defaults = new ReplayLine.Defaults(runId, policyVersion, round);
        try (BufferedReader in = open();
                PrintWriter results = results()) {
            Replay replay =
                    new Replay(
                            kafka,
                            defaults,
                            idleTimeout,
                            new InOrderOutput(results),
                            new ReplayProgress(spec.commandLine().getErr()));
            return replay.run(in) == 0 ? 0 : 1;
        }
    }

    private BufferedReader open() throws IOException {
        if (file.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    private PrintWriter results() throws IOException {
        if (out == null) {
            // Not closed with the run: it is the command line's own stdout.
            PrintWriter stdout = spec.commandLine().getOut();
            return new PrintWriter(stdout) {
                @Override
                public void close() {
                    flush();
                }
            };
        }
        return new PrintWriter(
                new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8));
    }
}
