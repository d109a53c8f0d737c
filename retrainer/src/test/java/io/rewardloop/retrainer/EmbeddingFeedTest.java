package io.rewardloop.retrainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.DriftDetected;
import io.rewardloop.events.DriftDetector;
import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.backbone.Truncation;
import io.rewardloop.model.cache.DiskCachedBackbone;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.testing.RandomModels;
import io.rewardloop.retrainer.drift.DriftSettings;
import io.rewardloop.retrainer.drift.DriftTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed between the reader and the feature detectors, with a real disk cache over a seeded
 * stand-in backbone: what it embeds, what it skips after a restart, how fast it may go.
 */
class EmbeddingFeedTest {

    private static final int WINDOW = 20;
    private static final long PUBLISHED = 1_000_000L;
    private static final DriftSettings DRIFT =
            new DriftSettings(WINDOW, 0.01, 0.05, 5, 0.05, 10, 4, 100, 100, 0.95, 7L);

    @TempDir Path cache;

    private final SeededBackbone backbone = new SeededBackbone();
    private final EmbeddingWatch watch = new EmbeddingWatch(DRIFT, 2 * WINDOW);
    private final List<FeedbackLog.Labelled<PreferencePair>> pairs =
            Collections.synchronizedList(new ArrayList<>());
    private Thread thread;
    private EmbeddingFeed feed;
    private long time = PUBLISHED;

    @AfterEach
    void stopFeed() throws InterruptedException {
        if (feed != null) {
            feed.stop();
            thread.join(10_000);
        }
    }

    @Test
    void shouldEmbedOneResponseAPromptAmongTheRecentOnes() {
        start(new EmbeddingFeedSettings(1.0, 10_000, WINDOW, 3, 500), 0.8);
        for (int i = 0; i < WINDOW; i++) {
            for (int k = 0; k < 4; k++) {
                feed.offerResponse(
                        "p-" + i, "prompt " + i, "usual answer " + i + "." + k, time++, true);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> backbone.rows("usual") >= WINDOW);
        // A prompt seen again after 4 windows of other prompts gives a response again.
        for (int i = WINDOW; i < WINDOW * (EmbeddingFeed.RECENT_PROMPT_WINDOWS + 1); i++) {
            feed.offerResponse("p-" + i, "prompt " + i, "usual answer " + i, time++, true);
        }
        feed.offerResponse("p-0", "prompt 0", "usual answer again", time++, true);
        int expected = WINDOW * (EmbeddingFeed.RECENT_PROMPT_WINDOWS + 1) + 1;
        await().atMost(Duration.ofSeconds(30)).until(() -> backbone.rows("usual") >= expected);

        assertThat(backbone.rows("usual")).isEqualTo(expected);
    }

    @Test
    void shouldSkipHistoryWindowsAndResumeTheWindowThatWasOpenAtCatchUp() {
        start(new EmbeddingFeedSettings(1.0, 10_000, WINDOW, 3, 500), 0.8);
        // History: the reference, two full shifted windows tested before the restart, half a one.
        responses("usual", 2 * WINDOW, false);
        responses("shifted-old", 2 * WINDOW + WINDOW / 2, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> watch.referenceMissing() == 0);
        assertThat(watch.lastCheck()).as("history windows are held back, not tested").isEmpty();

        responses("shifted-new", WINDOW / 2, true);

        await().atMost(Duration.ofSeconds(30)).until(() -> watch.lastCheck().isPresent());
        assertThat(backbone.rows("usual")).isEqualTo(2 * WINDOW);
        assertThat(backbone.rows("shifted-old"))
                .as("only the open window's half")
                .isEqualTo(WINDOW / 2);
        assertThat(backbone.rows("shifted-new")).isEqualTo(WINDOW / 2);
        assertThat(alarms())
                .extracting(DriftDetected::getDetector)
                .contains(DriftDetector.EMBEDDING_MMD);
    }

    @Test
    void shouldJudgeFreshLabelsWithTheLiveModelAndIgnoreOlderOnes() {
        start(new EmbeddingFeedSettings(1.0, 10_000, WINDOW, 0, 500), 0.8);
        feed.offerPair(pair("old", 0), PUBLISHED - 1, true);
        for (int i = 0; i < 10; i++) {
            feed.offerPair(pair("fresh", i), time++, true);
        }
        responses("usual", 3 * WINDOW, true);

        await().atMost(Duration.ofSeconds(30)).until(() -> watch.lastCheck().isPresent());
        assertThat(watch.lastCheck().orElseThrow().tests())
                .filteredOn(t -> t.detector() == DriftDetector.HUMAN_ACCURACY)
                .singleElement()
                .extracting(DriftTest::liveSize)
                .isEqualTo(10L);
        assertThat(watch.lastCheck().orElseThrow().tests())
                .extracting(DriftTest::detector)
                .doesNotContain(DriftDetector.ENSEMBLE_DISAGREEMENT);
        assertThat(backbone.rows("old")).isZero();
        assertThat(backbone.rows("fresh")).isEqualTo(20);
    }

    @Test
    void shouldEmbedOnlyTheSampleAndNoFasterThanItsCap() {
        start(new EmbeddingFeedSettings(0.5, 20, WINDOW, 0, 500), Double.NaN);
        long started = System.nanoTime();
        responses("usual", 200, true);

        await().atMost(Duration.ofSeconds(60)).until(() -> feed.embedded() >= 80);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(backbone.rows("usual")).isBetween(80, 120);
        // 80 rows at 20 a second; a batch's rows are paid for after it, so at least 64 are paid.
        assertThat(seconds).isGreaterThanOrEqualTo(64 / 20.0);
    }

    private void start(EmbeddingFeedSettings settings, double heldOutAccuracy) {
        for (int i = 0; i < 40; i++) {
            pairs.add(new FeedbackLog.Labelled<>(pair("before", i), PUBLISHED - 100 + i, "p-0", i));
        }
        LiveModel live =
                new LiveModel(
                        "v1",
                        backbone.id(),
                        RandomModels.artifact("v1", backbone.id(), SeededBackbone.DIMS, 1, 0)
                                .model(),
                        40,
                        PUBLISHED,
                        heldOutAccuracy);
        DiskCachedBackbone cached = new DiskCachedBackbone(backbone, cache);
        feed =
                new EmbeddingFeed(
                        settings,
                        watch,
                        () -> live,
                        id -> new EmbeddingFeed.Backbones(cached, backbone, cached::size),
                        () -> List.copyOf(pairs),
                        7L);
        thread = new Thread(feed, "feed-test");
        thread.start();
    }

    private void responses(String prefix, int n, boolean live) {
        for (int i = 0; i < n; i++) {
            feed.offerResponse(
                    prefix + "-" + i, "prompt " + i, prefix + " answer " + i, time++, live);
        }
    }

    private static PreferencePair pair(String prefix, int i) {
        return new PreferencePair(
                "question " + i, prefix + " good " + i, prefix + " bad " + i, null, null);
    }

    private List<DriftDetected> alarms() {
        return watch.takeAlarms().stream()
                .map(ControlEvent::getPayload)
                .map(DriftDetected.class::cast)
                .toList();
    }

    /**
     * Features drawn from a generator seeded by the text; responses whose text starts with
     * "shifted" have the first coordinate moved by 3 sd. Counts the rows it computed by the
     * response's first word.
     */
    private static final class SeededBackbone implements Backbone {

        static final int DIMS = 8;

        private final java.util.Map<String, AtomicInteger> rows =
                new java.util.concurrent.ConcurrentHashMap<>();

        int rows(String firstWord) {
            AtomicInteger count = rows.get(firstWord);
            return count == null ? 0 : count.get();
        }

        @Override
        public String id() {
            return "seeded-8";
        }

        @Override
        public int dimension() {
            return DIMS;
        }

        @Override
        public Features embed(List<PromptResponse> batch) {
            int n = batch.size();
            float[][] responses = new float[n][];
            float[][] prompts = new float[n][];
            for (int i = 0; i < n; i++) {
                String response = batch.get(i).response();
                rows.computeIfAbsent(response.split(" ")[0], k -> new AtomicInteger())
                        .incrementAndGet();
                responses[i] = vector(response, response.startsWith("shifted") ? 3 : 0);
                prompts[i] = vector(batch.get(i).prompt(), 0);
            }
            return new Features(
                    responses, prompts, Collections.nCopies(n, Truncation.NONE), new int[n]);
        }

        private static float[] vector(String text, double shift) {
            SplittableRandom random = new SplittableRandom(text.hashCode());
            float[] vector = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                vector[d] = (float) (random.nextGaussian() + (d == 0 ? shift : 0));
            }
            return vector;
        }

        @Override
        public void close() {}
    }
}
