package io.rewardloop.scorer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rewardloop.channel.ModelHolder;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.model.scoring.RewardScorer;
import io.rewardloop.scorer.ForwardPasses;
import io.rewardloop.scorer.StubScorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP path's batching on a stub model (reward = response length): pairs of concurrent requests
 * share forward passes up to the token budget, a request may span passes, a full queue refuses,
 * batching off keeps one request a pass, and each answer names the version that scored it.
 */
class HttpBatcherTest {

    private final ModelHolder models = new ModelHolder();
    private HttpBatcher batcher;
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        if (batcher != null) {
            batcher.stop();
            thread.join(5_000);
        }
    }

    private void start(HttpScoringSettings settings) {
        batcher = new HttpBatcher(settings, models, new ForwardPasses(), new SimpleMeterRegistry());
        thread = new Thread(batcher, "test-batches");
        thread.start();
    }

    private static HttpScoringSettings settings(int queue, int tokens, boolean batching) {
        return new HttpScoringSettings(
                queue, tokens, Duration.ofMillis(5), batching, queue, 1 << 20, false);
    }

    /** {@code n} pairs whose responses are {@code 4 * length} characters long. */
    private static List<PromptResponse> pairs(int n, int length) {
        List<PromptResponse> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(new PromptResponse("prompt", "abcd".repeat(length) + "x".repeat(i)));
        }
        return pairs;
    }

    @Test
    void shouldScoreConcurrentRequestsInOneForwardPass() throws Exception {
        GatedScorer gated = new GatedScorer(new StubScorer("v1"));
        models.swap(gated);
        start(settings(64, 10_000, true));
        CompletableFuture<List<HttpBatcher.Scored>> first = batcher.submit(pairs(1, 2));
        gated.awaitBlocked();
        List<CompletableFuture<List<HttpBatcher.Scored>>> waiting = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            waiting.add(batcher.submit(pairs(2, 2)));
        }
        assertThat(batcher.queueDepth()).isEqualTo(6);

        gated.release();

        assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(1);
        for (CompletableFuture<List<HttpBatcher.Scored>> request : waiting) {
            assertThat(request.get(5, TimeUnit.SECONDS))
                    .extracting(s -> s.reward().rewards()[0])
                    .containsExactly(8.0, 9.0);
        }
        assertThat(gated.delegate.batchSizes).containsExactly(1, 6);
        assertThat(batcher.metrics().batchCount()).isEqualTo(2);
        assertThat(batcher.metrics().meanBatchSize()).isEqualTo(3.5);
        assertThat(batcher.queueDepth()).isZero();
    }

    @Test
    void shouldSplitALargeRequestByTheTokenBudgetKeepingItsOrder() throws Exception {
        StubScorer stub = new StubScorer("v1");
        models.swap(stub);
        // each pair: "prompt" (6) + 40..49 chars = 11-13 estimated tokens; budget 40: 3 a pass.
        start(settings(64, 40, true));

        List<HttpBatcher.Scored> scored = batcher.submit(pairs(10, 10)).get(5, TimeUnit.SECONDS);

        assertThat(scored)
                .extracting(s -> s.reward().rewards()[0])
                .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> 40.0 + i).toList());
        assertThat(stub.batchSizes).containsExactly(3, 3, 3, 1);
    }

    @Test
    void shouldCountAPairLongerThanTheModelsLimitAtTheLimit() throws Exception {
        StubScorer stub = new StubScorer("v1", 10);
        models.swap(stub);
        // each pair: "prompt" (6) + 400..409 chars = 101-103 estimated tokens, cut to 10 by the
        // model: a budget of 40 takes 4 a pass, not 1.
        start(settings(64, 40, true));

        assertThat(batcher.submit(pairs(8, 100)).get(5, TimeUnit.SECONDS)).hasSize(8);

        assertThat(stub.batchSizes).containsExactly(4, 4);
    }

    @Test
    void shouldWaitLongerForStragglersOnlyAfterALongPass() {
        Duration wait = Duration.ofMillis(5);
        assertThat(HttpBatcher.waitAfter(wait, Duration.ofMillis(120))).isEqualTo(wait);
        assertThat(HttpBatcher.waitAfter(wait, Duration.ofMillis(3_500)))
                .isEqualTo(Duration.ofMillis(35));
        assertThat(HttpBatcher.waitAfter(wait, Duration.ofSeconds(60)))
                .isEqualTo(HttpBatcher.MAX_WAIT);
        assertThat(HttpBatcher.waitAfter(Duration.ofMillis(500), Duration.ofSeconds(60)))
                .as("a longer configured wait stands")
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldKeepOneRequestAForwardPassWithBatchingOff() throws Exception {
        GatedScorer gated = new GatedScorer(new StubScorer("v1"));
        models.swap(gated);
        start(settings(64, 10_000, false));
        CompletableFuture<List<HttpBatcher.Scored>> first = batcher.submit(pairs(1, 2));
        gated.awaitBlocked();
        List<CompletableFuture<List<HttpBatcher.Scored>>> waiting = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            waiting.add(batcher.submit(pairs(2, 2)));
        }

        gated.release();

        first.get(5, TimeUnit.SECONDS);
        for (CompletableFuture<List<HttpBatcher.Scored>> request : waiting) {
            request.get(5, TimeUnit.SECONDS);
        }
        assertThat(gated.delegate.batchSizes).containsExactly(1, 2, 2, 2);
    }

    @Test
    void shouldRefuseARequestTheQueueHasNoRoomFor() throws Exception {
        GatedScorer gated = new GatedScorer(new StubScorer("v1"));
        models.swap(gated);
        start(settings(4, 10_000, true));
        CompletableFuture<List<HttpBatcher.Scored>> first = batcher.submit(pairs(1, 2));
        gated.awaitBlocked();
        CompletableFuture<List<HttpBatcher.Scored>> fits = batcher.submit(pairs(3, 2));

        assertThatThrownBy(() -> batcher.submit(pairs(2, 2)))
                .isInstanceOfSatisfying(
                        RefusedException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(429);
                            assertThat(e.reason()).isEqualTo("queue_full");
                        });
        gated.release();
        assertThat(fits.get(5, TimeUnit.SECONDS)).hasSize(3);
        assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(1);
        // room again once the queue drained
        assertThat(batcher.submit(pairs(4, 2)).get(5, TimeUnit.SECONDS)).hasSize(4);
    }

    @Test
    void shouldRefuseBeforeTheFirstModel() {
        start(settings(8, 10_000, true));

        assertThatThrownBy(() -> batcher.submit(pairs(1, 2)))
                .isInstanceOfSatisfying(
                        RefusedException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void shouldNameTheVersionThatScoredAPairSwappedInAfterItWasQueued() throws Exception {
        GatedScorer gated = new GatedScorer(new StubScorer("v1"));
        models.swap(gated);
        start(settings(64, 10_000, true));
        CompletableFuture<List<HttpBatcher.Scored>> first = batcher.submit(pairs(1, 2));
        gated.awaitBlocked();
        CompletableFuture<List<HttpBatcher.Scored>> queued = batcher.submit(pairs(2, 2));

        models.swap(new StubScorer("v2"));
        gated.release();

        assertThat(first.get(5, TimeUnit.SECONDS).get(0).model().version()).isEqualTo("v1");
        assertThat(queued.get(5, TimeUnit.SECONDS))
                .extracting(s -> s.model().version())
                .containsExactly("v2", "v2");
    }

    @Test
    void shouldFailOnlyTheRequestWhosePairTheModelFailsOn() throws Exception {
        models.swap(new StubScorer("v1", "bad"));
        start(settings(64, 10_000, true));

        CompletableFuture<List<HttpBatcher.Scored>> bad =
                batcher.submit(
                        List.of(new PromptResponse("p", "good"), new PromptResponse("p", "bad")));

        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        PairFailedException.class, e -> assertThat(e.index()).isEqualTo(1));
        assertThat(batcher.submit(pairs(1, 1)).get(5, TimeUnit.SECONDS)).hasSize(1);
    }

    /** Holds its first forward pass until released, so that requests queue up behind it. */
    private static final class GatedScorer implements RewardScorer {
        private final StubScorer delegate;
        private final CountDownLatch blocked = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        GatedScorer(StubScorer delegate) {
            this.delegate = delegate;
        }

        void awaitBlocked() {
            await().atMost(Duration.ofSeconds(5)).until(() -> blocked.getCount() == 0);
        }

        void release() {
            released.countDown();
        }

        @Override
        public String version() {
            return delegate.version();
        }

        @Override
        public List<String> objectives() {
            return delegate.objectives();
        }

        @Override
        public List<MultiObjectiveReward> score(List<PromptResponse> batch) {
            blocked.countDown();
            try {
                if (!released.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return delegate.score(batch);
        }

        @Override
        public void close() {}
    }
}
