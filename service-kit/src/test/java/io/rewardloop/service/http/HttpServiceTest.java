package io.rewardloop.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rewardloop.common.RewardLoopException;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.ServiceMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServiceTest {

    private static final String TOKEN = "0123456789abcdef-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = ServiceMetrics.newRegistry();
    private final AtomicReference<HealthStatus> health =
            new AtomicReference<>(HealthStatus.down("waiting for a model"));
    private HttpService http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    @Test
    void shouldReportHealthAs200WhenUpAnd503WhenDown() throws Exception {
        http = start(HttpSettings.loopbackAnyPort());

        HttpResponse<String> down = get("/health", null);
        health.set(new HealthStatus(true, "scoring", Map.of("modelVersion", "v0002")));
        HttpResponse<String> up = get("/health", null);

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(down.body()).path("status").asText()).isEqualTo("DOWN");
        assertThat(up.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(up.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("detail").asText()).isEqualTo("scoring");
        assertThat(body.path("modelVersion").asText()).isEqualTo("v0002");
    }

    @Test
    void shouldServeMicrometerMetricsInPrometheusText() throws Exception {
        registry.counter("rlhf.test.things").increment(3);
        http = start(HttpSettings.loopbackAnyPort());

        HttpResponse<String> metrics = get("/metrics", null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body())
                .contains("# TYPE rlhf_test_things_total counter")
                .contains("rlhf_test_things_total 3.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void shouldRequireATokenEverywhereButHealth() throws Exception {
        http = start(new HttpSettings("127.0.0.1", 0, List.of(TOKEN, "another-token-0123456789")));

        HttpResponse<String> noToken = get("/metrics", null);
        HttpResponse<String> wrongToken = get("/metrics", "Bearer " + TOKEN + "x");
        HttpResponse<String> prefixOfToken = get("/metrics", "Bearer " + TOKEN.substring(0, 10));
        HttpResponse<String> unknownPath = get("/secret", null);
        HttpResponse<String> rightToken = get("/metrics", "Bearer " + TOKEN);
        HttpResponse<String> secondToken = get("/metrics", "bearer another-token-0123456789");
        HttpResponse<String> healthWithout = get("/health", null);

        for (HttpResponse<String> refused : List.of(noToken, wrongToken, prefixOfToken)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(refused.headers().firstValue("Content-Type")).contains(Problem.CONTENT_TYPE);
            assertThat(JSON.readTree(refused.body()).path("status").asInt()).isEqualTo(401);
        }
        assertThat(unknownPath.statusCode())
                .as("no probing of paths without a token")
                .isEqualTo(401);
        assertThat(rightToken.statusCode()).isEqualTo(200);
        assertThat(secondToken.statusCode()).isEqualTo(200);
        assertThat(healthWithout.statusCode()).isEqualTo(503);
    }

    @Test
    void shouldAnswerErrorsAsProblemJson() throws Exception {
        http =
                HttpService.builder("test")
                        .setSettings(HttpSettings.loopbackAnyPort())
                        .setHealth(health::get)
                        .optRoutes(
                                routes -> {
                                    routes.get(
                                            "/bad",
                                            ctx -> {
                                                throw new ProblemException(
                                                        Problem.badRequest(
                                                                List.of(
                                                                        new Problem.FieldError(
                                                                                "/ratings/0",
                                                                                "must be 1..5"))));
                                            });
                                    routes.get(
                                            "/boom",
                                            ctx -> {
                                                throw new IllegalStateException("db password=x");
                                            });
                                })
                        .start();

        HttpResponse<String> bad = get("/bad", null);
        HttpResponse<String> boom = get("/boom", null);
        HttpResponse<String> missing = get("/nowhere", null);

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).contains(Problem.CONTENT_TYPE);
        JsonNode problem = JSON.readTree(bad.body());
        assertThat(problem.path("title").asText()).isEqualTo("Bad Request");
        assertThat(problem.path("errors").get(0).path("pointer").asText()).isEqualTo("/ratings/0");
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).doesNotContain("password");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains(Problem.CONTENT_TYPE);
        assertThat(JSON.readTree(missing.body()).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void shouldListenOnTheConfiguredAddressOnly() throws Exception {
        http = start(HttpSettings.loopbackAnyPort());

        assertThat(http.baseUrl()).isEqualTo("http://127.0.0.1:" + http.port());
        assertThat(http.port()).isPositive();
        assertThat(get("/health", null).statusCode()).isEqualTo(503);
    }

    @Test
    void shouldNameTheAddressItCannotBind() {
        http = start(HttpSettings.loopbackAnyPort());
        HttpSettings taken = new HttpSettings("127.0.0.1", http.port(), List.of());

        assertThatThrownBy(() -> start(taken))
                .isInstanceOf(RewardLoopException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + http.port());
    }

    private HttpService start(HttpSettings settings) {
        return HttpService.builder("test")
                .setSettings(settings)
                .setHealth(health::get)
                .optMetrics(registry)
                .start();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
