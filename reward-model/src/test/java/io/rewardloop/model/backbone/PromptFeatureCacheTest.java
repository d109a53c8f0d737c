package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptFeatureCacheTest {

    @Test
    void shouldEvictTheLeastRecentlyUsedPrompt() {
        PromptFeatureCache cache = new PromptFeatureCache(2);
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
    void shouldNotLetCallersChangeCachedFeatures() {
        PromptFeatureCache cache = new PromptFeatureCache(4);
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
