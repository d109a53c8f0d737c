package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptFeatureCacheTest {

    private static final int DIM = 384;

    @Test
    void shouldEvictTheLeastRecentlyUsedPrompt() {
        long entry = PromptFeatureCache.entryBytes("a", new float[] {1});
        PromptFeatureCache cache = new PromptFeatureCache(2 * entry);
        cache.put("a", new float[] {1});
        cache.put("b", new float[] {2});
        cache.get("a");
        cache.put("c", new float[] {3});

        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).containsExactly(1f);
        assertThat(cache.get("c")).containsExactly(3f);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void shouldCountKeyCharactersAndFeatureFloatsAgainstTheByteBudget() {
        long budget = 8L * 1024 * 1024;
        PromptFeatureCache cache = new PromptFeatureCache(budget);
        String longPrompt = "x".repeat(32_768);

        for (int i = 0; i < 10_000; i++) {
            cache.put(i + longPrompt, new float[DIM]);
        }

        long perEntry = 2L * (32_768 + 4) + 4L * DIM + PromptFeatureCache.ENTRY_OVERHEAD;
        assertThat(cache.bytes()).isLessThanOrEqualTo(budget);
        assertThat(cache.size()).isEqualTo((int) (budget / perEntry));
        assertThat(cache.get(9_999 + longPrompt)).hasSize(DIM);
        assertThat(cache.get(0 + longPrompt)).isNull();
    }

    @Test
    void shouldKeepManyShortPromptsInTheSameBudget() {
        PromptFeatureCache cache = new PromptFeatureCache(8L * 1024 * 1024);

        for (int i = 0; i < 3_000; i++) {
            cache.put("prompt " + i, new float[DIM]);
        }

        assertThat(cache.size()).isEqualTo(3_000);
    }

    @Test
    void shouldSkipAPromptLargerThanTheWholeBudgetAndRecountAReplacedEntry() {
        PromptFeatureCache cache = new PromptFeatureCache(10_000);
        cache.put("small", new float[4]);
        cache.put("y".repeat(10_000), new float[4]);
        cache.put("small", new float[8]);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("small")).hasSize(8);
        assertThat(cache.bytes()).isEqualTo(PromptFeatureCache.entryBytes("small", new float[8]));
    }

    @Test
    void shouldNotLetCallersChangeCachedFeatures() {
        PromptFeatureCache cache = new PromptFeatureCache(1 << 20);
        float[] feature = {1, 2};
        cache.put("a", feature);
        feature[0] = 99;
        cache.get("a")[1] = 99;

        assertThat(cache.get("a")).containsExactly(1f, 2f);
    }

    @Test
    void shouldCacheNothingWhenDisabled() {
        PromptFeatureCache cache = new PromptFeatureCache(0);
        cache.put("a", new float[] {1});

        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
    }
}
