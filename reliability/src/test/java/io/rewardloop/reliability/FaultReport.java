package io.rewardloop.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One summary line per scenario: printed, and appended to {@code faults-summary.txt} in the suite's
 * output folder (the figures of benchmarks/results/reliability.md come from it).
 */
final class FaultReport {

    private FaultReport() {}

    /** Prints and writes the line. */
    static void write(Path scenarioOut, String line) throws IOException {
        System.out.println(line);
        Files.writeString(
                scenarioOut.resolve("summary.txt"),
                line + System.lineSeparator(),
                StandardCharsets.UTF_8);
    }

    /** Durations as seconds with one decimal, e.g. {@code [12.3 s, 9.8 s]}. */
    static String seconds(List<Duration> durations) {
        return durations.stream()
                .map(FaultReport::seconds)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** A duration as seconds with one decimal. */
    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
