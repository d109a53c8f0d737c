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
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttp(List<URI> baseUrls, Duration timeout) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one Schema Registry URL is needed");
        }
        this.baseUrls = List.copyOf(baseUrls);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
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
            String where = base + " " + method + " " + path;
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
        String root = base.toString().replaceAll("/+$", "");
        HttpRequest.BodyPublisher publisher =
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body);
        return HttpRequest.newBuilder(URI.create(root + path))
                .timeout(timeout)
                .header("Accept", RestSchemaRegistryClient.CONTENT_TYPE + ", application/json")
                .header("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE)
                .method(method, publisher)
                .build();
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
