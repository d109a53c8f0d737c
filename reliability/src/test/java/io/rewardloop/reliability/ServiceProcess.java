package io.rewardloop.reliability;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service of the loop ({@code rlhf scorer}, {@code rlhf feedback-ingest} or {@code rlhf
 * retrainer}) in a child JVM started from the launcher's jar and libraries, as {@code ./rlhf}
 * starts it. {@link #kill()} is SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown
 * hooks, open transactions stay open. Every start logs to its own file under the suite's output
 * folder.
 */
final class ServiceProcess implements AutoCloseable {

    /** The exit status Java reports for a process ended by signal 9: 128 + 9. */
    private static final int KILLED_STATUS = 137;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String command;
    private final String maxHeap;
    private final int httpPort;
    private final Map<String, String> env;
    private final Path logDir;
    private final List<Duration> recoveries = new ArrayList<>();
    private Process process;
    private Path log;
    private int starts;

    /**
     * Describes the service; {@link #start()} runs it.
     *
     * @param command the launcher's subcommand
     * @param maxHeap the child's {@code -Xmx}
     * @param httpPort the port its {@code /health} answers on (127.0.0.1)
     * @param env its configuration, as environment variables
     * @param logDir where its logs go
     */
    ServiceProcess(
            String command, String maxHeap, int httpPort, Map<String, String> env, Path logDir) {
        this.command = command;
        this.maxHeap = maxHeap;
        this.httpPort = httpPort;
        this.env = Map.copyOf(env);
        this.logDir = logDir;
    }

    /** Starts the child JVM (again, after a kill: same settings, same instance ids). */
    void start() throws IOException {
        Path target = Path.of(System.getProperty("rlhf.launcher.target", "../launcher/target"));
        Path jar = target.resolve("launcher.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException(
                    jar
                            + " or its lib/ is missing: build the launcher first (mvn -pl launcher"
                            + " -am package)");
        }
        starts++;
        Files.createDirectories(logDir);
        log = logDir.resolve(command + "-" + starts + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder =
                new ProcessBuilder(
                        java,
                        "-Xmx" + maxHeap,
                        "-XX:+UseSerialGC",
                        // C1 only: the services' heavy work is native (PyTorch); a JVM restarted
                        // on two busy cores is healthy sooner without C2 compiling behind it.
                        "-XX:TieredStopAtLevel=1",
                        "-Dai.djl.offline=true",
                        "-cp",
                        jar + File.pathSeparator + target.resolve("lib") + "/*",
                        "io.rewardloop.launcher.RlhfCommand",
                        command);
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        process = builder.start();
    }

    /**
     * SIGKILL, then waits until the process is gone; fails unless the signal ended it (a service
     * that had already died on its own is a finding, not a kill).
     */
    void kill() throws InterruptedException, IOException {
        process.destroyForcibly();
        int status = process.waitFor();
        if (status != KILLED_STATUS) {
            throw new AssertionError(
                    command
                            + " ended with status "
                            + status
                            + ", not by SIGKILL; log:\n"
                            + logTail());
        }
    }

    /**
     * Freezes the JVM (SIGSTOP) for a while, then lets it run on (SIGCONT): a stop-the-world pause
     * or a stalled VM, longer than its session timeout if the caller wants the group to drop it.
     */
    void freeze(Duration pause) throws IOException, InterruptedException {
        signal("STOP");
        try {
            // The fault's length itself, not a wait for a condition.
            Thread.sleep(pause.toMillis());
        } finally {
            signal("CONT");
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill =
                new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Kills the service, starts it again at once and waits until it is healthy. */
    void killAndRestart(Duration healthTimeout) throws IOException, InterruptedException {
        kill();
        long killed = System.nanoTime();
        start();
        awaitHealthy(healthTimeout);
        recoveries.add(Duration.ofNanos(System.nanoTime() - killed));
    }

    /** Waits until {@code GET /health} answers 200; fails with the log's tail if it dies first. */
    void awaitHealthy(Duration timeout) {
        await("healthy " + command)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            if (!process.isAlive()) {
                                throw new AssertionError(command + " exited; log:\n" + logTail());
                            }
                            return status("/health") == 200;
                        });
    }

    /** The answer of a GET on the service, or an empty string when it does not answer. */
    String get(String path) {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private int status(String path) throws InterruptedException {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
    }

    /** {@code http://127.0.0.1:PORT}. */
    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String command() {
        return command;
    }

    /** How long each kill took to heal: from the SIGKILL to healthy again. */
    List<Duration> recoveries() {
        return List.copyOf(recoveries);
    }

    /** The last 60 lines of the current start's log. */
    String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
