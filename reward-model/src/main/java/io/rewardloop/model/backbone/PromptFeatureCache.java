package io.rewardloop.model.backbone;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used cache of prompt features {@code h_x}, keyed by prompt text and bounded by
 * bytes, not entries: RLHF samples several responses per prompt, so the prompt alone need only be
 * encoded once, but prompts may be 32k characters long, and 10,000 of those would be 650 MB of
 * keys. An entry costs {@link #entryBytes}: two bytes a prompt character (the worst case of a Java
 * string), four a feature float, and {@value #ENTRY_OVERHEAD} bytes of object headers and map
 * entry. A prompt whose entry alone exceeds the budget is not cached. Not thread-safe, like the
 * backbone that owns it. Rows are copied in and out so that callers cannot change what is cached.
 */
final class PromptFeatureCache {

    /** Object headers of the string, its array, the float array, and the map entry and slot. */
    static final int ENTRY_OVERHEAD = 128;

    private final long maxBytes;
    private final Map<String, float[]> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    PromptFeatureCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new BackboneException("Prompt cache size must be >= 0 bytes, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    static long entryBytes(String prompt, float[] feature) {
        return 2L * prompt.length() + 4L * feature.length + ENTRY_OVERHEAD;
    }

    /** Returns a copy of the cached feature, or null. */
    float[] get(String prompt) {
        float[] feature = entries.get(prompt);
        return feature == null ? null : feature.clone();
    }

    void put(String prompt, float[] feature) {
        long cost = entryBytes(prompt, feature);
        if (cost > maxBytes) {
            return;
        }
        float[] previous = entries.put(prompt, feature.clone());
        if (previous != null) {
            bytes -= entryBytes(prompt, previous);
        }
        bytes += cost;
        Iterator<Map.Entry<String, float[]>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes) {
            Map.Entry<String, float[]> entry = eldest.next();
            bytes -= entryBytes(entry.getKey(), entry.getValue());
            eldest.remove();
        }
    }

    int size() {
        return entries.size();
    }

    /** The bytes the entries are counted as. */
    long bytes() {
        return bytes;
    }
}
