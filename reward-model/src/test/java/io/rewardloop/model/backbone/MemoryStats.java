package io.rewardloop.model.backbone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process from {@code /proc/self/status} (Linux; -1 elsewhere), and its CPU
 * time.
 */
final class MemoryStats {

    private MemoryStats() {}

    /** Current resident set size in KiB ({@code VmRSS}). */
    static long rssKb() {
        return field("VmRSS:");
    }

    /** Peak resident set size in KiB ({@code VmHWM}). */
    static long peakKb() {
        return field("VmHWM:");
    }

    /** CPU time of all threads of this process, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
