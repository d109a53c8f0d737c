package io.rewardloop.scorer.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.rewardloop.channel.ModelHolder;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.model.scoring.RewardScorer;
import io.rewardloop.scorer.ForwardPasses;
import io.rewardloop.scorer.TokenEstimate;
import io.rewardloop.scorer.metrics.HttpScoringMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dynamic batching of the HTTP path: requests put their pairs into one bounded queue; one thread
 * (this runnable) takes pairs up to the token budget ({@code scorer.http.batch.tokens}) or until
 * the first of them has waited {@code scorer.http.batch.wait} (longer after a long pass: see {@link
 * #waitAfter}), and scores them in one forward pass through {@link ForwardPasses}, taking turns
 * with the Kafka loop. Pairs of concurrent requests share forward passes; a large request may span
 * several. Each pair is scored by the model live when its forward pass starts, and its answer names
 * that version. With batching off, a forward pass holds the pairs of one request only.
 */
public final class HttpBatcher implements Runnable {

    private static final long IDLE_POLL_MS = 200;

    /** The wait after a pass is at most this share of the pass's own time. */
    static final int WAIT_SHARE_OF_PASS = 100;

    /** The longest wait for pairs to join a pass, however long the last pass took. */
    static final Duration MAX_WAIT = Duration.ofMillis(100);

    private final HttpScoringSettings settings;
    private final ModelHolder models;
    private final ForwardPasses forwards;
    private final HttpScoringMetrics metrics;
    private final BlockingQueue<Item> waiting = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final Object enqueueing = new Object();
    private Item carried;
    private Duration lastPass = Duration.ZERO;
    private volatile boolean running = true;

    /**
     * One scored pair.
     *
     * @param reward what the model gave it
     * @param model the version that scored it
     */
    public record Scored(MultiObjectiveReward reward, RewardScorer model) {}

    /**
     * Creates the batcher; run it on its own thread.
     *
     * @param settings queue size, budget, wait, batching on or off
     * @param models the live model
     * @param forwards where forward passes run
     * @param registry where its meters go
     */
    public HttpBatcher(
            HttpScoringSettings settings,
            ModelHolder models,
            ForwardPasses forwards,
            MeterRegistry registry) {
        this.settings = settings;
        this.models = models;
        this.forwards = forwards;
        this.room = new Semaphore(settings.queueItems());
        this.metrics = new HttpScoringMetrics(registry, this::queueDepth);
    }

    /**
     * The HTTP path's meters.
     *
     * @return the metrics
     */
    public HttpScoringMetrics metrics() {
        return metrics;
    }

    /**
     * Pairs waiting for a forward pass.
     *
     * @return the count
     */
    public int queueDepth() {
        return settings.queueItems() - room.availablePermits();
    }

    /**
     * Queues a request's pairs, all or none.
     *
     * @param pairs the pairs, at most {@code scorer.http.max.pairs}
     * @return completes with one result per pair, in input order, or fails with {@link
     *     PairFailedException} or {@link RefusedException}
     * @throws RefusedException 429 when the queue has no room for all pairs, 503 before the first
     *     model or while stopping
     */
    public CompletableFuture<List<Scored>> submit(List<PromptResponse> pairs) {
        if (!running) {
            throw RefusedException.unavailable("the scorer is stopping");
        }
        RewardScorer model =
                models.current()
                        .orElseThrow(
                                () ->
                                        RefusedException.unavailable(
                                                "no model yet: waiting for one on rlhf.models"));
        // A pair longer than the model's limit is cut to it: it costs the pass no more.
        long pairLimit = model.maxSequenceTokens();
        if (!room.tryAcquire(pairs.size())) {
            throw RefusedException.queueFull(pairs.size(), settings.queueItems());
        }
        PendingRequest request = new PendingRequest(pairs.size());
        synchronized (enqueueing) {
            // A request's pairs lie next to each other: with batching off, one pass is one request.
            for (int i = 0; i < pairs.size(); i++) {
                PromptResponse pair = pairs.get(i);
                long tokens =
                        Math.min(
                                pairLimit,
                                TokenEstimate.of(
                                        pair.prompt().length() + pair.response().length()));
                waiting.add(new Item(request, i, pair, tokens));
            }
        }
        return request.done;
    }

    /** Scores batches until {@link #stop()}; then fails what still waits with 503. */
    @Override
    public void run() {
        try {
            while (running) {
                List<Item> batch = nextBatch();
                if (!batch.isEmpty()) {
                    score(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
            failWaiting();
        }
    }

    /** Stops after the current forward pass; safe from any thread. */
    public void stop() {
        running = false;
    }

    private List<Item> nextBatch() throws InterruptedException {
        Item first = carried != null ? carried : take(IDLE_POLL_MS * 1_000_000);
        carried = null;
        if (first == null) {
            return List.of();
        }
        List<Item> batch = new ArrayList<>();
        batch.add(first);
        long tokens = first.tokens();
        long deadline = System.nanoTime() + waitAfter(settings.batchWait(), lastPass).toNanos();
        while (settings.batching() && tokens < settings.batchTokens()) {
            Item next = take(deadline - System.nanoTime());
            if (next == null) {
                break;
            }
            if (tokens + next.tokens() > settings.batchTokens()) {
                carried = next;
                break;
            }
            batch.add(next);
            tokens += next.tokens();
        }
        // Batching off: all of one request, whose pairs lie next to each other in the queue (its
        // last pairs may still be on their way in).
        while (!settings.batching() && batch.size() < first.request().size()) {
            batch.add(take(Long.MAX_VALUE));
        }
        return batch;
    }

    /**
     * How long the first pair of a pass waits for others: {@code scorer.http.batch.wait}, or 1% of
     * the last pass's time (at most {@link #MAX_WAIT}) when that is longer. Under load, the clients
     * a long pass answered send their next requests over some milliseconds; a short wait cuts the
     * next pass after the first few of them, and the model then alternates between part-full passes
     * (less efficient on CPU than full ones). Waiting 1% of a pass costs at most 1% of the model's
     * time, and a light load (short passes) keeps the short wait. The wait ends as soon as the
     * token budget is full.
     *
     * @param batchWait the configured wait
     * @param lastPass how long the last forward pass took
     * @return the wait
     */
    static Duration waitAfter(Duration batchWait, Duration lastPass) {
        Duration share = lastPass.dividedBy(WAIT_SHARE_OF_PASS);
        Duration capped = share.compareTo(MAX_WAIT) < 0 ? share : MAX_WAIT;
        return capped.compareTo(batchWait) > 0 ? capped : batchWait;
    }

    /** The next waiting pair within the wait (none: without waiting), making room for others. */
    private Item take(long waitNanos) throws InterruptedException {
        Item item = waitNanos > 0 ? waiting.poll(waitNanos, TimeUnit.NANOSECONDS) : waiting.poll();
        if (item != null) {
            room.release();
        }
        return item;
    }

    private void score(List<Item> batch) {
        RewardScorer model = models.current().orElseThrow();
        List<PromptResponse> inputs = new ArrayList<>(batch.size());
        batch.forEach(item -> inputs.add(item.pair()));
        long started = System.nanoTime();
        List<ForwardPasses.Outcome> outcomes = forwards.score(model, inputs);
        lastPass = Duration.ofNanos(System.nanoTime() - started);
        metrics.recordBatch(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Item item = batch.get(i);
            ForwardPasses.Outcome outcome = outcomes.get(i);
            if (outcome.failure() != null) {
                item.request().fail(new PairFailedException(item.index(), outcome.failure()));
            } else {
                item.request().complete(item.index(), new Scored(outcome.reward(), model));
            }
        }
    }

    private void failWaiting() {
        List<Item> left = new ArrayList<>();
        if (carried != null) {
            left.add(carried);
            carried = null;
        }
        room.release(waiting.drainTo(left));
        RefusedException stopping = RefusedException.unavailable("the scorer is stopping");
        left.forEach(item -> item.request().fail(stopping));
    }

    /** One pair in the queue. */
    private record Item(PendingRequest request, int index, PromptResponse pair, long tokens) {}

    /** A request's results as its pairs are scored; completes when the last one is. */
    private static final class PendingRequest {
        private final Scored[] results;
        private final AtomicInteger left;
        private final CompletableFuture<List<Scored>> done = new CompletableFuture<>();

        PendingRequest(int pairs) {
            this.results = new Scored[pairs];
            this.left = new AtomicInteger(pairs);
        }

        int size() {
            return results.length;
        }

        void complete(int index, Scored scored) {
            results[index] = scored;
            if (left.decrementAndGet() == 0) {
                done.complete(Collections.unmodifiableList(Arrays.asList(results)));
            }
        }

        void fail(RuntimeException failure) {
            done.completeExceptionally(failure);
        }
    }
}
