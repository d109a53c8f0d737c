package io.rewardloop.scorer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the scorer counts, as Micrometer meters; the service serves them in Prometheus' format on
 * {@code /metrics}. Names as Prometheus shows them: {@code rlhf_scorer_records_scored_total},
 * {@code rlhf_scorer_dead_letters_total}, {@code rlhf_scorer_truncated_total}, {@code
 * rlhf_scorer_batches_total}, {@code rlhf_scorer_model_swaps_total}, {@code
 * rlhf_scorer_models_rejected_total}, {@code rlhf_scorer_queue_depth}, {@code
 * rlhf_scorer_model_info{version}}, and two summaries with quantiles 0.5, 0.9, 0.99 over the last
 * two minutes plus {@code _count}, {@code _sum}, {@code _max}: {@code rlhf_scorer_latency_ms}
 * (receipt to score, per response) and {@code rlhf_scorer_batch_size} (responses per model batch).
 */
public final class ScorerMetrics {

    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private final MeterRegistry registry;
    private final Counter scored;
    private final Counter deadLettered;
    private final Counter truncated;
    private final Counter batches;
    private final Counter modelSwaps;
    private final Counter rejectedModels;
    private final DistributionSummary latency;
    private final DistributionSummary batchSize;
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicReference<String> modelVersion = new AtomicReference<>("none");
    private final MultiGauge modelInfo;

    /** Meters on a registry of their own (tests, and callers that serve no metrics). */
    public ScorerMetrics() {
        this(new SimpleMeterRegistry());
    }

    /**
     * Registers the scorer's meters.
     *
     * @param registry where they live (a Prometheus registry for {@code /metrics})
     */
    public ScorerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.scored = counter("rlhf.scorer.records.scored", "Responses scored.");
        this.deadLettered = counter("rlhf.scorer.dead.letters", "Records sent to the DLQ.");
        this.truncated = counter("rlhf.scorer.truncated", "Responses scored truncated.");
        this.batches = counter("rlhf.scorer.batches", "Model batches scored.");
        this.modelSwaps = counter("rlhf.scorer.model.swaps", "Model versions switched to.");
        this.rejectedModels =
                counter("rlhf.scorer.models.rejected", "Published models refused or unloadable.");
        this.latency =
                DistributionSummary.builder("rlhf.scorer.latency")
                        .baseUnit("ms")
                        .description("Receipt-to-score latency per response.")
                        .publishPercentiles(QUANTILES)
                        .register(registry);
        this.batchSize =
                DistributionSummary.builder("rlhf.scorer.batch.size")
                        .description("Responses per model batch.")
                        .publishPercentiles(QUANTILES)
                        .register(registry);
        Gauge.builder("rlhf.scorer.batch.size.mean", this, ScorerMetrics::meanBatchSize)
                .description("Mean responses per model batch since start.")
                .register(registry);
        Gauge.builder("rlhf.scorer.queue.depth", queueDepth, AtomicLong::get)
                .description("Records received, not yet committed.")
                .register(registry);
        this.modelInfo =
                MultiGauge.builder("rlhf.scorer.model.info")
                        .description("The model version in use (value 1).")
                        .register(registry);
        showVersion("none");
    }

    /**
     * One model batch was scored.
     *
     * @param size responses in it
     * @param latenciesMs per-response latency, receipt to score
     */
    public void recordBatch(int size, double[] latenciesMs) {
        batches.increment();
        scored.increment(size);
        batchSize.record(size);
        for (double each : latenciesMs) {
            latency.record(each);
        }
    }

    /** A record went to the dead-letter topic. */
    public void recordDeadLetter() {
        deadLettered.increment();
    }

    /** A response was scored with its text cut to fit. */
    public void recordTruncation() {
        truncated.increment();
    }

    /**
     * The model in use changed.
     *
     * @param version the new version
     */
    public void recordModelSwap(String version) {
        modelVersion.set(version);
        modelSwaps.increment();
        showVersion(version);
    }

    /** A published model was refused (bad sha256, undecodable, failed to load). */
    public void recordRejectedModel() {
        rejectedModels.increment();
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
        return (long) scored.count();
    }

    /**
     * Records sent to the dead-letter topic so far.
     *
     * @return the count
     */
    public long deadLetterCount() {
        return (long) deadLettered.count();
    }

    /**
     * Published models refused so far.
     *
     * @return the count
     */
    public long rejectedModelCount() {
        return (long) rejectedModels.count();
    }

    /**
     * Where the meters live.
     *
     * @return the registry
     */
    public MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private double meanBatchSize() {
        long count = batchSize.count();
        return count == 0 ? 0 : batchSize.totalAmount() / count;
    }

    private void showVersion(String version) {
        // overwrite: the previous version's series goes away, so exactly one is 1.
        modelInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", version), 1)), true);
    }
}
