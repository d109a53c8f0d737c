package io.rewardloop.scorer.it;

import io.rewardloop.scorer.ScorerApp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A scorer in a child JVM, so a test can kill it the hard way (SIGKILL), like a crash. */
final class ScorerProcess {

    private final Process process;
    final Path log;

    private ScorerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ScorerProcess start(String bootstrap, String instanceId) throws IOException {
        return start(bootstrap, instanceId, Map.of());
    }

    /** Starts a scorer with extra environment variables, e.g. {@code SCORER_MAX_POLL_RECORDS}. */
    static ScorerProcess start(String bootstrap, String instanceId, Map<String, String> extraEnv)
            throws IOException {
        Path log = Files.createTempFile("scorer-" + instanceId + "-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder =
                new ProcessBuilder(
                        List.of(
                                java,
                                "-Xmx1g",
                                "-Dai.djl.offline=true",
                                "-cp",
                                System.getProperty("java.class.path"),
                                ScorerApp.class.getName()));
        Map<String, String> env = builder.environment();
        env.put("BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", "embedded");
        env.put("SCORER_INSTANCE_ID", instanceId);
        env.put("SCORER_HTTP_PORT", "-1");
        env.put("SCORER_TRANSACTION_TIMEOUT", "PT10S");
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        env.putAll(extraEnv);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ScorerProcess(builder.start(), log);
    }

    /** Kills the JVM at once, with no shutdown hooks: open transactions stay open. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Waits for the JVM to end on its own.
     *
     * @return its exit status
     * @throws AssertionError when it is still running after the timeout
     */
    int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError(
                    "scorer still running after " + timeout + "; log:\n" + logTail());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(
                File.separator.equals("/") ? "\n" : "\r\n",
                lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
