package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.common.RewardLoopException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP for the demo's annotators and its held-out scoring: one POST, retried with
 * back-off while the service answers 429 or 503 (busy, or not ready yet), any other status but 200
 * and 201 an error.
 */
final class DemoHttp {

    /** The JSON mapper the demo builds bodies with. */
    static final ObjectMapper JSON = new ObjectMapper();

    private static final int ATTEMPTS = 8;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * Posts a JSON body.
     *
     * @param url where
     * @param body the body
     * @return the answer's JSON
     * @throws RewardLoopException when the service keeps refusing, or answers an error
     */
    JsonNode post(String url, JsonNode body) {
        try {
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofMinutes(5))
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofByteArray(
                                            JSON.writeValueAsBytes(body)))
                            .build();
            HttpResponse<String> answer = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                if (status == 200 || status == 201) {
                    return JSON.readTree(answer.body());
                }
                if (status != 429 && status != 503) {
                    break;
                }
                Thread.sleep(250L << attempt); // back off: 0.5 s .. 32 s
            }
            throw new RewardLoopException(
                    url + " answered " + answer.statusCode() + ": " + answer.body());
        } catch (IOException e) {
            throw new RewardLoopException("cannot reach " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("interrupted while posting to " + url, e);
        }
    }
}
