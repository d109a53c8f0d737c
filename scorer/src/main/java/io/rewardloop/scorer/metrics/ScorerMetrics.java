package io.rewardloop.scorer.metrics;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the scorer counts, rendered in Prometheus' text exposition format (version 0.0.4). Counters
 * only grow; gauges are set by the scoring loop; latency percentiles come from the last {@value
 * #LATENCY_WINDOW} responses.
 */
public final class ScorerMetrics {

    private static final int LATENCY_WINDOW = 10_000;

    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchedRecords = new AtomicLong();
    private final AtomicLong modelSwaps = new AtomicLong();
    private final AtomicLong rejectedModels = new AtomicLong();
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicLong lastBatchSize = new AtomicLong();
    private final AtomicReference<String> modelVersion = new AtomicReference<>("none");
    private final LatencyWindow latencies = new LatencyWindow(LATENCY_WINDOW);
    private final RateWindow rate = new RateWindow(TimeUnit.SECONDS.toNanos(10), System::nanoTime);

    /**
     * One model batch was scored.
     *
     * @param size responses in it
     * @param latenciesMs per-response latency, receipt to score
     */
    public void recordBatch(int size, double[] latenciesMs) {
        batches.incrementAndGet();
        batchedRecords.addAndGet(size);
        lastBatchSize.set(size);
        scored.addAndGet(size);
        rate.add(size);
        for (double latency : latenciesMs) {
            latencies.record(latency);
        }
    }

    /** A record went to the dead-letter topic. */
    public void recordDeadLetter() {
        deadLettered.incrementAndGet();
    }

    /** A response was scored with its text cut to fit. */
    public void recordTruncation() {
        truncated.incrementAndGet();
    }

    /**
     * The model in use changed.
     *
     * @param version the new version
     */
    public void recordModelSwap(String version) {
        modelVersion.set(version);
        modelSwaps.incrementAndGet();
    }

    /** A published model was refused (bad sha256, undecodable, failed to load). */
    public void recordRejectedModel() {
        rejectedModels.incrementAndGet();
    }

    /**
     * Records received and not yet committed.
     *
     * @param depth the current count
     */
    public void setQueueDepth(long depth) {
        queueDepth.set(depth);
    }

    /**
     * The model version in use, or {@code none}.
     *
     * @return the version
     */
    public String modelVersion() {
        return modelVersion.get();
    }

    /**
     * Responses scored so far.
     *
     * @return the count
     */
    public long scoredCount() {
        return scored.get();
    }

    /**
     * Records sent to the dead-letter topic so far.
     *
     * @return the count
     */
    public long deadLetterCount() {
        return deadLettered.get();
    }

    /**
     * Renders every metric in Prometheus' text format.
     *
     * @return the exposition text
     */
    public String toPrometheusText() {
        StringBuilder out = new StringBuilder(2048);
        counter(out, "rlhf_scorer_records_scored_total", "Responses scored.", scored.get());
        counter(
                out,
                "rlhf_scorer_dead_letters_total",
                "Records sent to the DLQ.",
                deadLettered.get());
        counter(out, "rlhf_scorer_truncated_total", "Responses scored truncated.", truncated.get());
        counter(out, "rlhf_scorer_batches_total", "Model batches scored.", batches.get());
        counter(
                out,
                "rlhf_scorer_model_swaps_total",
                "Model versions switched to.",
                modelSwaps.get());
        gauge(
                out,
                "rlhf_scorer_records_per_second",
                "Responses/s over the last 10 s.",
                rate.perSecond());
        gauge(
                out,
                "rlhf_scorer_batch_size",
                "Responses in the last model batch.",
                lastBatchSize.get());
        double meanBatch = batches.get() == 0 ? 0 : (double) batchedRecords.get() / batches.get();
        gauge(out, "rlhf_scorer_batch_size_mean", "Mean responses per model batch.", meanBatch);
        gauge(
                out,
                "rlhf_scorer_queue_depth",
                "Records received, not yet committed.",
                queueDepth.get());
        out.append("# HELP rlhf_scorer_model_info The model version in use.\n")
                .append("# TYPE rlhf_scorer_model_info gauge\n")
                .append("rlhf_scorer_model_info{version=\"")
                .append(escape(modelVersion.get()))
                .append("\"} 1\n");
        latencySummary(out);
        return out.toString();
    }

    private void latencySummary(StringBuilder out) {
        double[] quantiles = {0.5, 0.9, 0.99};
        double[] values = latencies.quantiles(quantiles);
        out.append("# HELP rlhf_scorer_latency_ms Receipt-to-score latency, last ")
                .append(LATENCY_WINDOW)
                .append(" responses.\n# TYPE rlhf_scorer_latency_ms summary\n");
        for (int i = 0; i < quantiles.length; i++) {
            out.append("rlhf_scorer_latency_ms{quantile=\"")
                    .append(quantiles[i])
                    .append("\"} ")
                    .append(number(values[i]))
                    .append('\n');
        }
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(number(value)).append('\n');
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return value == Math.rint(value)
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
