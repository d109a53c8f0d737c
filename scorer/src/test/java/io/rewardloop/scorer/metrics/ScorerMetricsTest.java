package io.rewardloop.scorer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ScorerMetricsTest {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScorerMetrics metrics = new ScorerMetrics(registry);

    @Test
    void shouldCountUnderTheDocumentedPrometheusNames() {
        metrics.recordBatch(2, new double[] {10, 20});
        metrics.recordBatch(1, new double[] {40});
        metrics.recordDeadLetter();
        metrics.recordTruncation();
        metrics.recordRejectedModel();
        metrics.setQueueDepth(7);

        String text = registry.scrape();

        assertThat(text)
                .contains("rlhf_scorer_records_scored_total 3.0")
                .contains("rlhf_scorer_batches_total 2.0")
                .contains("rlhf_scorer_dead_letters_total 1.0")
                .contains("rlhf_scorer_truncated_total 1.0")
                .contains("rlhf_scorer_models_rejected_total 1.0")
                .contains("rlhf_scorer_queue_depth 7.0")
                .contains("rlhf_scorer_batch_size_mean 1.5")
                .contains("rlhf_scorer_latency_ms_count 3")
                .contains("rlhf_scorer_latency_ms_sum 70.0")
                .contains("rlhf_scorer_latency_ms{quantile=\"0.99\"}")
                .contains("rlhf_scorer_batch_size{quantile=\"0.5\"}");
        assertThat(metrics.scoredCount()).isEqualTo(3);
        assertThat(metrics.deadLetterCount()).isEqualTo(1);
        assertThat(metrics.rejectedModelCount()).isEqualTo(1);
    }

    @Test
    void shouldReportLatencyPercentilesCloseToTheRecordedValues() {
        double[] latencies = new double[100];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = i + 1; // 1..100 ms
        }
        metrics.recordBatch(latencies.length, latencies);

        var snapshot = registry.get("rlhf.scorer.latency").summary().takeSnapshot();

        assertThat(snapshot.percentileValues()).hasSize(3);
        assertThat(snapshot.percentileValues()[0].value()).isCloseTo(50, within(3.0));
        assertThat(snapshot.percentileValues()[2].value()).isCloseTo(99, within(4.0));
        assertThat(snapshot.max()).isEqualTo(100);
    }

    @Test
    void shouldShowOnlyTheLiveModelVersion() {
        metrics.recordModelSwap("v0001");
        metrics.recordModelSwap("v0002");

        String text = registry.scrape();

        assertThat(text)
                .contains("rlhf_scorer_model_info{version=\"v0002\"} 1\n")
                .doesNotContain("version=\"v0001\"")
                .doesNotContain("version=\"none\"")
                .contains("rlhf_scorer_model_swaps_total 2.0");
        assertThat(metrics.modelVersion()).isEqualTo("v0002");
    }
}
