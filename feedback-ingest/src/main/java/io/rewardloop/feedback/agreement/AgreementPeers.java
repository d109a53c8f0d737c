package io.rewardloop.feedback.agreement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.common.RewardLoopException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks the other instances of the agreement application for their {@link AgreementSums} over HTTP,
 * without holding a thread while they answer.
 */
final class AgreementPeers {

    /** How long an instance has to answer before the figures are given up as incomplete. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String localPath;

    /**
     * @param localPath path and query of an instance's own sums
     */
    AgreementPeers(String localPath) {
        this.localPath = localPath;
    }

    /**
     * One instance's sums.
     *
     * @param peer the instance's {@code application.server}
     * @param authorization the caller's {@code Authorization} header, passed on; null for none
     * @return completes with the sums, or exceptionally when the instance did not answer 200
     */
    CompletableFuture<AgreementSums> fetch(HostInfo peer, String authorization) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://" + name(peer) + localPath))
                        .timeout(TIMEOUT)
                        .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(
                        response -> {
                            if (response.statusCode() != 200) {
                                throw new RewardLoopException("answered " + response.statusCode());
                            }
                            try {
                                return JSON.readValue(response.body(), AgreementSums.class);
                            } catch (IOException e) {
                                throw new RewardLoopException(
                                        "answered what is not agreement sums", e);
                            }
                        });
    }

    /**
     * How an instance is named in answers and URLs.
     *
     * @param instance the instance
     * @return {@code host:port}
     */
    static String name(HostInfo instance) {
        return instance.host() + ":" + instance.port();
    }

    /**
     * Why an instance's sums are missing, for the answer (never a stack trace).
     *
     * @param error what the fetch completed with
     * @return a short reason
     */
    static String reason(Throwable error) {
        Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof IOException) {
            return "unreachable: " + cause.getClass().getSimpleName();
        }
        return cause.getMessage();
    }
}
