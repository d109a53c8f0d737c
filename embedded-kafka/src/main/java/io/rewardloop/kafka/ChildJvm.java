package io.rewardloop.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service's main class in a child JVM on this JVM's class path, so an integration test can kill
 * it the hard way (SIGKILL, no shutdown hooks), like a crash. Its output goes to a temporary log
 * file; PyTorch threads sleep when idle ({@code OMP_WAIT_POLICY=PASSIVE}).
 */
public final class ChildJvm {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the main class.
     *
     * @param mainClass the class whose {@code main} runs
     * @param maxHeap the {@code -Xmx} value, e.g. {@code 1g}
     * @param env environment variables added to this process's (the service's configuration)
     * @return the running JVM
     * @throws IOException when it cannot start
     */
    public static ChildJvm start(Class<?> mainClass, String maxHeap, Map<String, String> env)
            throws IOException {
        Path log = Files.createTempFile(mainClass.getSimpleName() + "-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder =
                new ProcessBuilder(
                        List.of(
                                java,
                                "-Xmx" + maxHeap,
                                "-Dai.djl.offline=true",
                                "-cp",
                                System.getProperty("java.class.path"),
                                mainClass.getName()));
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ChildJvm(builder.start(), log);
    }

    /**
     * Kills the JVM at once (SIGKILL): no shutdown hooks, open transactions stay open.
     *
     * @throws InterruptedException when interrupted while waiting for it to end
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Waits for the JVM to end on its own.
     *
     * @param timeout how long to wait
     * @return its exit status
     * @throws InterruptedException when interrupted
     * @throws IOException when the log cannot be read
     * @throws AssertionError when it still runs after the timeout (it is killed, the log tail is in
     *     the message)
     */
    public int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("still running after " + timeout + "; log:\n" + logTail());
        }
        return process.exitValue();
    }

    /**
     * Whether it still runs.
     *
     * @return true while alive
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The last 40 lines of its output.
     *
     * @return the lines
     * @throws IOException when the log cannot be read
     */
    public String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
