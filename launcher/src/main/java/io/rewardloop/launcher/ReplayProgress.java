package io.rewardloop.launcher;

import java.io.PrintWriter;

/**
 * {@code rlhf replay}'s progress on stderr: responses sent, scored and failed (invalid or refused),
 * and the scoring rate, redrawn in place with {@code \r} at most every 200 ms, then one final line.
 */
final class ReplayProgress {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastDrawn = started - REDRAW_NANOS;

    ReplayProgress(PrintWriter err) {
        this.err = err;
    }

    /** Redraws the line when the last draw is old enough. */
    void update(int sent, int scored, int refused) {
        long now = System.nanoTime();
        if (now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            err.print("\r" + line(sent, scored, refused, now));
            err.flush();
        }
    }

    /** Draws the final line. */
    void done(int sent, int scored, int refused) {
        err.println("\r" + line(sent, scored, refused, System.nanoTime()));
        err.flush();
    }

    private String line(int sent, int scored, int refused, long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        return String.format(
                "replay: %d sent, %d scored, %d failed  (%.1f scored/s, %.0f s)",
                sent, scored, refused, scored / seconds, seconds);
    }
}
