package io.rewardloop.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to one or more registry URLs: a URL that does not answer, or answers with a server
 * error, is skipped for the next one, as Confluent's client does.
 */
final class RegistryHttp {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

    private final List<URI> baseUrls;
    private final Duration timeout;
    private final HttpClient http;
    private final RegistrySecurity security;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttp(List<URI> baseUrls, Duration timeout, RegistrySecurity security) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one Schema Registry URL is needed");
        }
        this.baseUrls = List.copyOf(baseUrls);
        this.timeout = timeout;
        this.security = security;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        security.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    ObjectMapper json() {
        return json;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body.toString());
    }

    private JsonNode send(String method, String path, String body) {
        SchemaRegistryException last = null;
        for (URI base : baseUrls) {
            String where = RegistrySecurity.printable(base) + " " + method + " " + path;
            HttpResponse<String> response;
            try {
                response = http.send(request(base, method, path, body), bodyHandler());
            } catch (IOException e) {
                LOG.warn("Schema Registry {} did not answer: {}", where, e.toString());
                last = RegistryErrors.unreachable(where, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryErrors.unreachable(where, e);
            }
            if (response.statusCode() < 300) {
                return parse(where, response.body());
            }
            SchemaRegistryException error =
                    RegistryErrors.fromResponse(where, response.statusCode(), response.body());
            if (!(error instanceof SchemaRegistryUnavailableException)) {
                throw error;
            }
            LOG.warn("Schema Registry {} failed: {}", where, error.getMessage());
            last = error;
        }
        throw last;
    }

    private HttpRequest request(URI base, String method, String path, String body) {
        // User info never travels in the URL: it becomes the Authorization header, if configured.
        String root = RegistrySecurity.printable(base).replaceAll("/+$", "");
        HttpRequest.BodyPublisher publisher =
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(root + path))
                        .timeout(timeout)
                        .header(
                                "Accept",
                                RestSchemaRegistryClient.CONTENT_TYPE + ", application/json")
                        .header("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE)
                        .method(method, publisher);
        security.authorizationHeader().ifPresent(value -> request.header("Authorization", value));
        return request.build();
    }

    private static HttpResponse.BodyHandler<String> bodyHandler() {
        return HttpResponse.BodyHandlers.ofString();
    }

    private JsonNode parse(String where, String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(
                    "Schema Registry " + where + " answered with invalid JSON: " + e.getMessage(),
                    200,
                    SchemaRegistryException.NO_RESPONSE,
                    e);
        }
    }
}
