package io.rewardloop.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.status.StatusSnapshot.Agreement;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Asks the feedback ingest for annotator agreement ({@code GET /v1/agreement}) and keeps the answer
 * for a few seconds, so that many open pages cost the ingest one request per interval.
 */
final class AgreementClient {

    /** The ingest's agreement path. */
    static final String PATH = "/v1/agreement";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final URI url;
    private final Optional<String> token;
    private final long keepMillis;
    private final LongSupplier clock;
    private final HttpClient http;
    private Agreement last;
    private long lastAt;

    /**
     * A client.
     *
     * @param base the ingest's base URL, or empty when none is configured
     * @param token the ingest's bearer token, if it needs one
     * @param keepMillis how long an answer is reused
     * @param clock milliseconds now
     */
    AgreementClient(
            Optional<URI> base, Optional<String> token, long keepMillis, LongSupplier clock) {
        this.url = base.map(b -> b.resolve(PATH)).orElse(null);
        this.token = token;
        this.keepMillis = keepMillis;
        this.clock = clock;
        this.http =
                url == null
                        ? null
                        : HttpClient.newBuilder()
                                .connectTimeout(TIMEOUT)
                                .followRedirects(HttpClient.Redirect.NEVER)
                                .build();
    }

    /**
     * The figures, fetched at most once per {@code keepMillis}.
     *
     * @return the answer, {@code not configured} without a URL, {@code unavailable} with why
     */
    synchronized Agreement current() {
        if (url == null) {
            return new Agreement(
                    "not configured", "set " + StatusConfig.FEEDBACK_URL + " to show it", null);
        }
        long now = clock.getAsLong();
        if (last == null || now - lastAt >= keepMillis) {
            last = fetch();
            lastAt = now;
        }
        return last;
    }

    private Agreement fetch() {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json");
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> answer =
                    http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return new Agreement("unavailable", url + " answered " + answer.statusCode(), null);
            }
            JsonNode figures = JSON.readTree(answer.body());
            return new Agreement("ok", url.toString(), figures);
        } catch (IOException e) {
            return new Agreement("unavailable", url + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Agreement("unavailable", url + ": interrupted", null);
        }
    }
}
