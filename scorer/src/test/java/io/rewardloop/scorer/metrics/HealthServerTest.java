package io.rewardloop.scorer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void shouldReportDownUntilUpAndServePrometheusMetrics() throws Exception {
        ScorerMetrics metrics = new ScorerMetrics();
        AtomicReference<Health> health =
                new AtomicReference<>(new Health(false, "waiting for a model", "none"));
        try (HealthServer server = HealthServer.start(0, health::get, metrics)) {
            HttpResponse<String> down = get(server, "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"", "waiting for a model");

            metrics.recordModelSwap("v0002");
            metrics.recordBatch(3, new double[] {5, 10, 40});
            health.set(new Health(true, "scoring", "v0002"));

            HttpResponse<String> up = get(server, "/health");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).contains("\"modelVersion\":\"v0002\"");

            HttpResponse<String> scrape = get(server, "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(
                            type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(scrape.body())
                    .contains("rlhf_scorer_records_scored_total 3")
                    .contains("rlhf_scorer_model_info{version=\"v0002\"} 1")
                    .contains("rlhf_scorer_latency_ms{quantile=\"0.5\"} 10")
                    .contains("rlhf_scorer_latency_ms{quantile=\"0.99\"} 40");
        }
    }

    private HttpResponse<String> get(HealthServer server, String path) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                        .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
