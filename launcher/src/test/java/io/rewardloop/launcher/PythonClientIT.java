package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that a non-Java client works end to end: Debian's python3-confluent-kafka and
 * python3-avro, run by {@code /usr/bin/python3}, produce ResponseGenerated in the Confluent wire
 * format against the registry {@code up} serves, read back the scorer's RewardScored, and get the
 * same rewards from the scorer's {@code POST /get_reward} (OpenRLHF's request shape).
 */
class PythonClientIT {

    /** The interpreter Debian installs the two packages for (not the first python3 on PATH). */
    private static final String PYTHON = "/usr/bin/python3";

    private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(4);
    private static final int RESPONSES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void shouldRoundTripResponsesAndRewardsFromPythonThroughTheServedRegistry() throws Exception {
        requireDebianPackages();
        Path model = CliRuns.trainToyModel(dir);
        UpConfig config =
                UpConfig.from(
                        ConfigSource.of(Map.of(), Map.of())
                                .withOverrides(Map.of("kafka.port", "0", "registry.port", "0")));
        try (KafkaStack stack = KafkaStack.start(config)) {
            String registry = stack.servedRegistryUrl().orElseThrow();
            ConfigSource source =
                    ConfigSource.of(
                            Map.of(),
                            Map.of(
                                    "bootstrap.servers",
                                    stack.bootstrapServers(),
                                    "schema.registry.url",
                                    registry,
                                    ScorerConfig.HTTP_PORT,
                                    "0",
                                    ScorerConfig.HTTP_BIND,
                                    "127.0.0.1"));
            try (ArtifactModelLoader loader = new ArtifactModelLoader(4096);
                    ScorerService scorer = ScorerService.start(ScorerConfig.from(source), loader)) {
                assertThat(
                                CliRuns.rlhf(
                                        "publish",
                                        "--model",
                                        model.toString(),
                                        "--bootstrap-servers",
                                        stack.bootstrapServers(),
                                        "--schema-registry-url",
                                        registry))
                        .isZero();
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> scorer.health().modelVersion().equals("v0001"));

                List<String> command = new ArrayList<>();
                command.addAll(
                        List.of(
                                PYTHON,
                                script().toString(),
                                "--bootstrap-servers",
                                stack.bootstrapServers(),
                                "--schema-registry-url",
                                registry,
                                "--scorer-url",
                                "http://127.0.0.1:" + scorer.httpPort().orElseThrow(),
                                "--count",
                                String.valueOf(RESPONSES),
                                "--timeout",
                                "180",
                                "--get-reward"));
                Run run = run(command);

                assertThat(run.exitCode()).as(run.output()).isZero();
                assertThat(run.output())
                        .contains("produced " + RESPONSES + " ResponseGenerated to rlhf.responses")
                        .contains("consumed " + RESPONSES + " RewardScored from rlhf.rewards")
                        .contains("model=v0001")
                        .contains("OK: " + RESPONSES + " responses scored end to end")
                        .contains("get_reward matches the Kafka scores");
            }
        }
    }

    /** Fails, never skips, when the packages are missing: CI installs them. */
    private void requireDebianPackages() throws Exception {
        Run check = run(List.of(PYTHON, "-c", "import confluent_kafka, avro"));
        if (check.exitCode() != 0) {
            fail(
                    PYTHON
                            + " cannot import confluent_kafka and avro: install Debian's"
                            + " python3-confluent-kafka and python3-avro (apt-get install"
                            + " python3-confluent-kafka python3-avro; .ci/run does). "
                            + check.output());
        }
    }

    /** examples/python/trainer_roundtrip.py, found from the module's or the root's directory. */
    private static Path script() {
        Path here = Path.of("").toAbsolutePath();
        for (Path at = here; at != null; at = at.getParent()) {
            Path script = at.resolve("examples/python/trainer_roundtrip.py");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        return fail("examples/python/trainer_roundtrip.py not found above " + here);
    }

    private record Run(int exitCode, String output) {}

    private Run run(List<String> command) throws Exception {
        Path log = Files.createTempFile(dir, "python", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PYTHONUNBUFFERED", "1");
        // No __pycache__ left in the source tree.
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        if (!process.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return fail(
                    "the Python client did not finish within "
                            + CLIENT_TIMEOUT
                            + ": "
                            + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
