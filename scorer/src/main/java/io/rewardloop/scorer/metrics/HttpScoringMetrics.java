package io.rewardloop.scorer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/**
 * What the scorer's HTTP scoring path counts. Names as Prometheus shows them: {@code
 * rlhf_scorer_http_batch_size} (pairs per HTTP forward pass, quantiles 0.5, 0.9, 0.99 plus {@code
 * _count}, {@code _sum}, {@code _max}), {@code rlhf_scorer_http_queue_depth} (pairs waiting),
 * {@code rlhf_scorer_http_pairs_scored_total}, {@code rlhf_scorer_http_rejected_total{reason}}
 * ({@code queue_full} = 429, {@code too_large} = 413, {@code invalid} = 422, {@code malformed} =
 * 400, {@code unavailable} = 503), {@code rlhf_scorer_http_request_latency_ms{endpoint}} (arrival
 * to answer) and {@code rlhf_scorer_http_record_errors_total} (recordings the broker refused).
 */
public final class HttpScoringMetrics {

    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Counter scored;
    private final Counter recordErrors;

    /**
     * Registers the meters.
     *
     * @param registry where they live
     * @param queueDepth pairs waiting for a forward pass now
     */
    public HttpScoringMetrics(MeterRegistry registry, IntSupplier queueDepth) {
        this.registry = registry;
        this.batchSize =
                DistributionSummary.builder("rlhf.scorer.http.batch.size")
                        .description("Pairs per HTTP forward pass.")
                        .publishPercentiles(QUANTILES)
                        .register(registry);
        this.scored =
                Counter.builder("rlhf.scorer.http.pairs.scored")
                        .description("Pairs scored over HTTP.")
                        .register(registry);
        this.recordErrors =
                Counter.builder("rlhf.scorer.http.record.errors")
                        .description("HTTP-scored pairs the broker did not take for recording.")
                        .register(registry);
        Gauge.builder("rlhf.scorer.http.queue.depth", queueDepth, IntSupplier::getAsInt)
                .description("Pairs waiting for an HTTP forward pass.")
                .register(registry);
    }

    /**
     * One HTTP forward pass ran.
     *
     * @param pairs pairs in it
     */
    public void recordBatch(int pairs) {
        batchSize.record(pairs);
        scored.increment(pairs);
    }

    /**
     * A request was refused.
     *
     * @param reason {@code queue_full}, {@code too_large}, {@code invalid}, {@code malformed} or
     *     {@code unavailable}
     */
    public void recordRejected(String reason) {
        Counter.builder("rlhf.scorer.http.rejected")
                .description("HTTP scoring requests refused, by reason.")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /**
     * A request was answered.
     *
     * @param endpoint {@code get_reward} or {@code score}
     * @param millis arrival to answer
     */
    public void recordRequest(String endpoint, double millis) {
        DistributionSummary.builder("rlhf.scorer.http.request.latency")
                .baseUnit("ms")
                .description("HTTP scoring request latency, arrival to answer.")
                .tag("endpoint", endpoint)
                .publishPercentiles(QUANTILES)
                .register(registry)
                .record(millis);
    }

    /** A recording of an HTTP-scored pair failed. */
    public void recordRecordingError() {
        recordErrors.increment();
    }

    /**
     * Forward passes run over HTTP so far.
     *
     * @return the count
     */
    public long batchCount() {
        return batchSize.count();
    }

    /**
     * Pairs scored over HTTP so far.
     *
     * @return the count
     */
    public long pairsScored() {
        return (long) scored.count();
    }

    /**
     * Mean pairs per HTTP forward pass since start.
     *
     * @return the mean, 0 before the first pass
     */
    public double meanBatchSize() {
        long count = batchSize.count();
        return count == 0 ? 0 : batchSize.totalAmount() / count;
    }

    /**
     * Requests refused for a reason so far.
     *
     * @param reason the reason tag
     * @return the count
     */
    public long rejectedCount(String reason) {
        Counter counter =
                registry.find("rlhf.scorer.http.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    /**
     * Recordings that failed so far.
     *
     * @return the count
     */
    public long recordingErrorCount() {
        return (long) recordErrors.count();
    }
}
