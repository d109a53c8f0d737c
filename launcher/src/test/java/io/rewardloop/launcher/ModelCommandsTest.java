package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.testing.ToyPreferences;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rlhf train / eval / score} as a user runs them, on the real backbone and small files. */
class ModelCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = RlhfCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    /** {@link ToyPreferences}: one file per objective, the objective named by the prefix. */
    private void writePairs(Path helpful, Path harmless) throws Exception {
        List<String> helpfulLines = new ArrayList<>();
        List<String> harmlessLines = new ArrayList<>();
        for (PreferencePair p : ToyPreferences.pairs(8)) {
            String line = pair(p.prompt(), p.chosen(), p.rejected());
            (ToyPreferences.HELPFULNESS.equals(p.objective()) ? helpfulLines : harmlessLines)
                    .add(line);
        }
        Files.write(helpful, helpfulLines);
        Files.write(harmless, harmlessLines);
    }

    private static String pair(String prompt, String chosen, String rejected) {
        return JSON.createObjectNode()
                .put("prompt", prompt)
                .put("chosen", chosen)
                .put("rejected", rejected)
                .toString();
    }

    @Test
    void shouldTrainEvaluateAndScoreAMultiObjectiveModel() throws Exception {
        Path helpful = dir.resolve("helpful.jsonl");
        Path harmless = dir.resolve("harmless.jsonl");
        writePairs(helpful, harmless);
        Path model = dir.resolve("model");

        int trained =
                run(
                        "train",
                        "--pairs",
                        "helpfulness=" + helpful,
                        "--pairs",
                        "harmlessness=" + harmless,
                        "--out",
                        model.toString(),
                        "--version",
                        "v0007",
                        "--gating-steps",
                        "20");

        assertThat(trained).as(err.toString()).isZero();
        JsonNode summary = JSON.readTree(out.toString());
        assertThat(summary.get("version").asText()).isEqualTo("v0007");
        assertThat(summary.get("objectives").toString())
                .isEqualTo("[\"helpfulness\",\"harmlessness\"]");
        assertThat(summary.get("sha256").asText()).hasSize(64);
        assertThat(err.toString()).contains("embedded 32/32");

        int evaluated =
                run(
                        "eval",
                        "--model",
                        model.toString(),
                        "--pairs",
                        "helpfulness=" + helpful,
                        "--pairs",
                        "harmlessness=" + harmless);

        assertThat(evaluated).as(err.toString()).isZero();
        JsonNode report = JSON.readTree(out.toString());
        assertThat(report.get("model").asText()).isEqualTo("v0007");
        assertThat(report.get("pairs").asInt()).isEqualTo(16);
        assertThat(report.get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.get("objectives").has("helpfulness")).isTrue();
        assertThat(report.get("objectives").get("harmlessness").get("pairs").asInt()).isEqualTo(8);

        String stdin =
                "{\"prompt\": \"How do I bake bread?\", \"response\": \"Mix, knead, bake.\"}\n"
                        + "not json\n"
                        + "{\"prompt\": \"Hi\", \"response\": \"Hello there.\"}\n";
        int scored = withStdin(stdin, () -> run("score", "--model", model.toString()));

        assertThat(scored).as("a bad line makes the exit code 1").isEqualTo(1);
        assertThat(err.toString()).contains("stdin line 2: invalid JSON");
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.get("modelVersion").asText()).isEqualTo("v0007");
        assertThat(first.get("objectives").get("helpfulness").has("gating")).isTrue();
        assertThat(first.get("objectives").get("harmlessness").has("debiased")).isTrue();
        assertThat(first.get("truncation").asText()).isEqualTo("NONE");
    }

    @Test
    void shouldNameTheFileAndLineOfABadPair() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of(pair("p", "a", "b"), "{\"prompt\": \"p\", \"chosen\": \"a\"}"));

        int code = run("train", "--pairs", bad.toString(), "--out", dir.resolve("m").toString());

        assertThat(code).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains(bad + ":2: missing field \"rejected\"");
    }

    private static int withStdin(String text, java.util.function.IntSupplier body) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return body.getAsInt();
        } finally {
            System.setIn(original);
        }
    }
}
