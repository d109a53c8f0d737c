package io.rewardloop.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import did: items accepted, duplicates (already recorded: a rerun adds nothing), and
 * rejected lines with {@code FILE:LINE} and the reason. Keeps the first {@link #KEPT} rejections'
 * texts and counts them all.
 */
final class ImportSummary {

    static final int KEPT = 1000;

    private long accepted;
    private long duplicates;
    private long rejected;
    private final List<String> rejections = new ArrayList<>();

    void addAccepted() {
        accepted++;
    }

    void addDuplicate() {
        duplicates++;
    }

    void addRejected(Path file, long line, String reason) {
        rejected++;
        if (rejections.size() < KEPT) {
            rejections.add(file + ":" + line + ": " + reason);
        }
    }

    long accepted() {
        return accepted;
    }

    long duplicates() {
        return duplicates;
    }

    long rejected() {
        return rejected;
    }

    /** The kept rejections, {@code FILE:LINE: reason}, in file order. */
    List<String> rejections() {
        return List.copyOf(rejections);
    }

    /** Prints the counts, then every kept rejection. */
    void print(PrintWriter out) {
        out.printf(
                "Imported: %d accepted, %d duplicates (already recorded), %d rejected.%n",
                accepted, duplicates, rejected);
        rejections.forEach(r -> out.println("rejected " + r));
        if (rejected > rejections.size()) {
            out.printf("... and %d more rejected lines.%n", rejected - rejections.size());
        }
        out.flush();
    }
}
