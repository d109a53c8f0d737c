package io.rewardloop.schemas.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeSchemaRegistryServerTest {

    private final FakeSchemaRegistryServer registry = FakeSchemaRegistryServer.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldAnswer42201ForASchemaThatDoesNotParse() throws Exception {
        HttpResponse<String> response =
                post(
                        "/subjects/s-value/versions",
                        "{\"schema\": \"{\\\"type\\\": \\\"nope\\\"}\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("\"error_code\":42201");
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void shouldRegisterAPlainSchemaAndListItsSubject() throws Exception {
        HttpResponse<String> response =
                post("/subjects/s-value/versions", "{\"schema\": \"\\\"string\\\"\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":1}");
        assertThat(get("/subjects").body()).isEqualTo("[\"s-value\"]");
    }

    @Test
    void shouldAnswer404ForAnUnknownPath() throws Exception {
        HttpResponse<String> response = get("/config");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"error_code\":404");
    }

    private HttpResponse<String> post(String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(registry.url() + path))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + path)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
