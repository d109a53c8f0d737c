package io.rewardloop.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * The import's progress bar on stderr: the share of the file's bytes read (compressed bytes for
 * {@code .gz}), redrawn in place with {@code \r} at most every 200 ms, and one final line per file.
 */
final class ImportProgress implements LongConsumer {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final Path file;
    private final long size;
    private long lastDrawn = System.nanoTime() - REDRAW_NANOS;

    ImportProgress(PrintWriter err, Path file, long size) {
        this.err = err;
        this.file = file;
        this.size = Math.max(1, size);
    }

    @Override
    public void accept(long bytesRead) {
        long now = System.nanoTime();
        if (now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        err.print("\r" + bar(bytesRead));
        err.flush();
    }

    /** Ends the file's bar with the running totals. */
    void done(ImportSummary summary) {
        err.printf(
                "\r%s  %d accepted, %d duplicates, %d rejected so far%n",
                bar(size), summary.accepted(), summary.duplicates(), summary.rejected());
        err.flush();
    }

    private String bar(long bytesRead) {
        double share = Math.min(1.0, (double) bytesRead / size);
        int filled = (int) Math.round(share * WIDTH);
        return String.format(
                "%s [%s%s] %3d%%",
                file.getFileName(),
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                Math.round(share * 100));
    }
}
