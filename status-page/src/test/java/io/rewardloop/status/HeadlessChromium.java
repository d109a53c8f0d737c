package io.rewardloop.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, headless: the page's DOM after its scripts ran, and screenshots. A missing
 * browser fails the test with the command that installs it; it is never skipped.
 */
final class HeadlessChromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    private final Path profile;

    HeadlessChromium(Path work) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(
                    BINARY
                            + " is missing: the status page is tested in a real headless browser;"
                            + " apt-get install chromium");
        }
        this.profile = Files.createDirectories(work.resolve("chromium-profile"));
    }

    /** The DOM once the page's scripts have run for 8 s of virtual time. */
    String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url));
    }

    /** A PNG screenshot of the page at 1400 x 1800, taken by {@code scripts/screenshot.sh}. */
    void screenshot(String url, Path png) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        Process process =
                new ProcessBuilder("scripts/screenshot.sh", url, png.toString(), "1400x1800")
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("scripts/screenshot.sh failed: " + output);
        }
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(
                List.of(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--hide-scrollbars",
                        "--user-data-dir=" + profile.toAbsolutePath(),
                        "--window-size=1400,1800",
                        "--virtual-time-budget=8000"));
        command.addAll(args);
        Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process process =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(
                    "chromium exited "
                            + process.exitValue()
                            + ": "
                            + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
