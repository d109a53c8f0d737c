package io.rewardloop.retrainer.it;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.retrainer.RetrainerApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A retrainer in a child JVM, so a test can kill it the hard way (SIGKILL), like a crash. */
final class RetrainerProcess {

    private final Process process;
    final int httpPort;
    final Path log;

    private RetrainerProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Starts a retrainer with the given settings (keys as in README, e.g. retrainer.seed). */
    static RetrainerProcess start(String bootstrap, Map<String, String> settings)
            throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("retrainer-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder =
                new ProcessBuilder(
                        List.of(
                                java,
                                "-Xmx1g",
                                "-Dai.djl.offline=true",
                                "-cp",
                                System.getProperty("java.class.path"),
                                RetrainerApp.class.getName()));
        Map<String, String> env = builder.environment();
        env.put("BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", "embedded");
        env.put("RETRAINER_HTTP_PORT", String.valueOf(port));
        env.put("RETRAINER_HTTP_BIND", "127.0.0.1");
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        settings.forEach((key, value) -> env.put(ConfigSource.environmentName(key), value));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new RetrainerProcess(builder.start(), port, log);
    }

    /** Kills the JVM at once, with no shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
