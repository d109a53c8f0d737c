package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.testing.ToyPreferences;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** What the launcher's ITs do through the {@code rlhf} command line, as a user would. */
final class CliRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CliRuns() {}

    /**
     * Runs {@code rlhf} with the arguments in this JVM; its output goes to the test's stdout.
     *
     * @param args the command line
     * @return the exit code
     */
    static int rlhf(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = RlhfCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code = cli.execute(args);
        System.out.println(out);
        return code;
    }

    /**
     * Trains version {@code v0001} with {@code rlhf train} on the toy preferences (six topics, a
     * few gating steps: seconds on the real backbone).
     *
     * @param dir where the pairs file and the model directory go
     * @return the model directory
     * @throws IOException when the pairs cannot be written
     */
    static Path trainToyModel(Path dir) throws IOException {
        Path pairs = dir.resolve("pairs.jsonl");
        List<String> lines = new ArrayList<>();
        for (PreferencePair pair : ToyPreferences.pairs(6)) {
            lines.add(
                    JSON.createObjectNode()
                            .put("prompt", pair.prompt())
                            .put("chosen", pair.chosen())
                            .put("rejected", pair.rejected())
                            .put("objective", pair.objective())
                            .toString());
        }
        Files.write(pairs, lines);
        Path model = dir.resolve("model");
        assertThat(
                        rlhf(
                                "train",
                                "--pairs",
                                pairs.toString(),
                                "--out",
                                model.toString(),
                                "--version",
                                "v0001",
                                "--gating-steps",
                                "10"))
                .isZero();
        return model;
    }
}
