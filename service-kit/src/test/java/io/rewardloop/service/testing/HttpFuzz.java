package io.rewardloop.service.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;

/**
 * Sends malformed bodies to one endpoint over real HTTP, a good request after every few, and
 * tallies the answers. A malformed body must be refused (a 4xx, unless the endpoint says otherwise)
 * within {@link #TIMEOUT}; anything else (a 2xx, a 5xx, a reset connection, a timeout) is a
 * failure, kept with its kind.
 */
public final class HttpFuzz {

    /** The longest an answer may take: a hang is a failure. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(TIMEOUT)
                    .build();

    /**
     * What one endpoint answered.
     *
     * @param statuses malformed inputs per answer status ({@code "400"}, {@code "415"}, ...)
     * @param goodSent good requests sent
     * @param goodAccepted good requests answered 2xx
     * @param failures malformed inputs not answered 4xx, and good ones not answered 2xx
     */
    public record Result(
            Map<String, Long> statuses, int goodSent, int goodAccepted, List<String> failures) {

        /**
         * Prints the surface's {@link MalformedSummary} line, then asserts that every malformed
         * input was refused as expected and every good request accepted.
         *
         * @param surface the endpoint, e.g. {@code POST /v1/score}
         * @param inputs the malformed inputs sent
         * @param goodExpected good requests that must have been accepted
         */
        public void printAndCheck(String surface, List<HostileInput> inputs, int goodExpected) {
            MalformedSummary.print(surface, inputs, statuses, goodSent, goodAccepted);
            assertThat(failures).as(surface + ": answers out of place").isEmpty();
            assertThat(goodAccepted)
                    .as(surface + ": good requests accepted")
                    .isEqualTo(goodExpected);
        }
    }

    private HttpFuzz() {}

    /** A refusal is a 4xx. */
    public static final BiPredicate<Integer, String> CLIENT_ERROR =
            (status, body) -> status / 100 == 4;

    /**
     * Sends every input, in order, and a good request after every {@code goodEvery} of them; a
     * malformed input must get a 4xx.
     *
     * @param url the endpoint
     * @param method {@code POST} or {@code PUT}
     * @param inputs the malformed bodies
     * @param good the i-th good body (sent as {@code application/json})
     * @param goodEvery how many malformed inputs between good requests
     * @return the tally
     */
    public static Result run(
            URI url,
            String method,
            List<HostileInput> inputs,
            IntFunction<byte[]> good,
            int goodEvery) {
        return run(url, method, inputs, good, goodEvery, CLIENT_ERROR);
    }

    /**
     * Sends every input, in order, and a good request after every {@code goodEvery} of them.
     *
     * @param url the endpoint
     * @param method {@code POST} or {@code PUT}
     * @param inputs the malformed bodies
     * @param good the i-th good body (sent as {@code application/json})
     * @param goodEvery how many malformed inputs between good requests
     * @param refused whether an answer (status, body) refuses the input, e.g. a batch answered 200
     *     whose every item was rejected
     * @return the tally
     */
    public static Result run(
            URI url,
            String method,
            List<HostileInput> inputs,
            IntFunction<byte[]> good,
            int goodEvery,
            BiPredicate<Integer, String> refused) {
        Map<String, Long> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int goodSent = 0;
        int goodAccepted = 0;
        for (int i = 0; i < inputs.size(); i++) {
            HostileInput input = inputs.get(i);
            Answer answer = send(url, method, input.bytes(), input.contentType());
            statuses.merge(answer.label(), 1L, Long::sum);
            if (answer.status() == 0 || !refused.test(answer.status(), answer.body())) {
                failures.add("#" + i + " " + input.kind() + " -> " + answer.label());
            }
            if (i % goodEvery == goodEvery - 1) {
                Answer accepted = send(url, method, good.apply(goodSent), HostileInput.JSON);
                goodSent++;
                if (accepted.status() / 100 == 2) {
                    goodAccepted++;
                } else {
                    failures.add("good #" + (goodSent - 1) + " -> " + accepted.label());
                }
            }
        }
        return new Result(statuses, goodSent, goodAccepted, failures);
    }

    /**
     * A GET's status, or a word saying why there is none.
     *
     * @param url the address
     * @return e.g. {@code "200"}, {@code "timeout"}, {@code "io:..."}
     */
    public static String get(URI url) {
        return answer(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build()).label();
    }

    /** A status and body, or status 0 and why there is none. */
    private record Answer(int status, String body, String failure) {
        String label() {
            return status == 0 ? failure : Integer.toString(status);
        }
    }

    private static Answer send(URI url, String method, byte[] body, String contentType) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url)
                        .timeout(TIMEOUT)
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return answer(request.build());
    }

    private static Answer answer(HttpRequest request) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), null);
        } catch (HttpTimeoutException e) {
            return new Answer(0, "", "timeout");
        } catch (IOException e) {
            return new Answer(0, "", "io:" + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", "interrupted");
        }
    }
}
