package io.rewardloop.model.backbone;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used cache of prompt features {@code h_x}, keyed by prompt text: RLHF
 * samples several responses per prompt, so the prompt alone need only be encoded once. Not
 * thread-safe, like the backbone that owns it. Rows are copied in and out so that callers cannot
 * change what is cached.
 */
final class PromptFeatureCache {

    private final int capacity;
    private final Map<String, float[]> entries;

    PromptFeatureCache(int capacity) {
        if (capacity < 0) {
            throw new BackboneException("Prompt cache size must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Returns a copy of the cached feature, or null. */
    float[] get(String prompt) {
        float[] feature = entries.get(prompt);
        return feature == null ? null : feature.clone();
    }

    void put(String prompt, float[] feature) {
        if (capacity == 0) {
            return;
        }
        entries.put(prompt, feature.clone());
        if (entries.size() > capacity) {
            String eldest = entries.keySet().iterator().next();
            entries.remove(eldest);
        }
    }

    int size() {
        return entries.size();
    }
}
