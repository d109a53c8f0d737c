package io.rewardloop.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.http.HealthStatus;
import io.rewardloop.service.http.HttpService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusRoutesTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpService http;

    @BeforeEach
    void start() {
        StatusAggregator aggregator = new StatusAggregator("default", 60_000, 10, 1);
        aggregator.onReward(Events.reward("a", "v1", 1, 2, 0.5), 120_000);
        StatusSnapshot.Agreement none = new StatusSnapshot.Agreement("not configured", "-", null);
        http =
                HttpService.builder("status-test")
                        .setSettings(HttpSettings.loopbackAnyPort())
                        .setHealth(() -> HealthStatus.up("test"))
                        .optRoutes(
                                new StatusRoutes(() -> aggregator.snapshot(0, true, none))::declare)
                        .start();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void shouldServeThePageItsScriptAndEchartsFromTheWebJar() throws Exception {
        HttpResponse<String> page = get("/");
        HttpResponse<String> script = get("/status.js");
        HttpResponse<String> echarts = get(StatusRoutes.ECHARTS_PATH);

        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"chart-score\"").contains("assets/echarts.min.js");
        assertThat(script.body()).contains("echarts.init");
        assertThat(echarts.body().length()).isGreaterThan(900_000);
        assertThat(echarts.body()).contains("echarts");
        assertThat(echarts.headers().firstValue("Cache-Control")).contains("max-age=86400");
    }

    @Test
    void shouldServeTheSnapshotAsJson() throws Exception {
        HttpResponse<String> answer = get(StatusRoutes.STATUS_JSON);

        var json = new ObjectMapper().readTree(answer.body());
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json.at("/totals/rewards").asLong()).isEqualTo(1);
        assertThat(json.at("/rewards/0/versions/v1").asLong()).isEqualTo(1);
        assertThat(json.at("/rewards/0/objectives/helpfulness/gatingWeight").asDouble())
                .isEqualTo(0.5);
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> answer =
                client.send(
                        HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return answer;
    }
}
