package io.rewardloop.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.testing.ToyPreferences;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Annotators posting preferences to the ingest's {@code POST /v1/preferences} at a steady pace,
 * each with its own feedback id. A client retries the same item (same id, same content) after a 5xx
 * or a connection failure until it gets a 2xx, as the API asks of clients; the ids answered 2xx
 * must each be recorded exactly once. Any other answer is counted as refused.
 */
final class FeedbackTraffic implements AutoCloseable {

    private static final List<PreferencePair> PAIRS = ToyPreferences.pairs(12);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService clients = Executors.newFixedThreadPool(4);
    private final Map<String, Instant> answered = new ConcurrentHashMap<>();
    private final Set<Integer> refusedStatuses = ConcurrentHashMap.newKeySet();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();
    private final URI endpoint;
    private final String prefix;
    private volatile int limit;

    private FeedbackTraffic(String ingestUrl, String prefix, int limit) {
        this.endpoint = URI.create(ingestUrl + "/v1/preferences");
        this.prefix = prefix;
        this.limit = limit;
    }

    /**
     * Starts posting.
     *
     * @param ingestUrl the ingest's base URL
     * @param prefix the feedback ids' prefix
     * @param limit at most this many items (fewer after {@link #stop()})
     * @param every the pace: one new item this often
     * @return the running traffic
     */
    static FeedbackTraffic start(String ingestUrl, String prefix, int limit, Duration every) {
        FeedbackTraffic traffic = new FeedbackTraffic(ingestUrl, prefix, limit);
        traffic.pacer.scheduleAtFixedRate(
                traffic::postNext, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return traffic;
    }

    private void postNext() {
        if (next.get() >= limit) {
            pacer.shutdown();
            return;
        }
        int n = next.getAndIncrement();
        clients.execute(() -> postUntilAnswered(n));
    }

    private void postUntilAnswered(int n) {
        String id = prefix + "-fb-" + n;
        HttpRequest request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(45))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json(id, n)))
                        .build();
        while (!Thread.currentThread().isInterrupted()) {
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (status == 200 || status == 201) {
                answered.put(id, Instant.now());
                if (status == 200) {
                    duplicates.incrementAndGet();
                }
                return;
            }
            if (status >= 0 && status < 500) {
                refused.incrementAndGet();
                refusedStatuses.add(status);
                return;
            }
            retries.incrementAndGet();
            try {
                // A client's back-off before it sends the same item again.
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String json(String id, int n) {
        PreferencePair pair = PAIRS.get(n % PAIRS.size());
        return JSON.createObjectNode()
                .put("feedbackId", id)
                .put("prompt", pair.prompt() + " (" + id + ")")
                .put("chosen", pair.chosen())
                .put("rejected", pair.rejected())
                .put("objective", pair.objective())
                .put("annotatorId", "annotator-" + n % 3)
                .toString();
    }

    /** Posts no more items than those already posted. */
    void stop() {
        limit = next.get();
    }

    /** Whether every item posted got its final answer. */
    boolean done() {
        return next.get() >= limit && answered.size() + refused.get() == next.get();
    }

    /** The ids answered 2xx, with the time of the answer. */
    Map<String, Instant> answered() {
        return Map.copyOf(answered);
    }

    /** Attempts that got a 5xx or no answer and were sent again. */
    int retries() {
        return retries.get();
    }

    /** Items answered 200 "duplicate" (a retry of an item the ingest had already recorded). */
    int duplicates() {
        return duplicates.get();
    }

    /** Items answered with a 4xx: none expected, every item is valid. */
    int refused() {
        return refused.get();
    }

    /** The 4xx statuses seen, for the failure message. */
    Set<Integer> refusedStatuses() {
        return Set.copyOf(refusedStatuses);
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        clients.shutdownNow();
    }
}
