package io.rewardloop.model.cache;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.backbone.Truncation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Backbone} that remembers features on disk, keyed by the sha256 of the backbone id,
 * prompt and response: only pairs it has not seen reach the wrapped backbone. One file per backbone
 * id in the cache directory. Not thread-safe, like every backbone.
 */
public final class DiskCachedBackbone implements Backbone {

    private final Backbone backbone;
    private final Path file;
    private final Map<ByteBuffer, CachedFeatures> entries;

    /**
     * Wraps a backbone, loading what the cache already holds for it.
     *
     * @param backbone the backbone to cache
     * @param cacheDirectory where cache files live
     */
    public DiskCachedBackbone(Backbone backbone, Path cacheDirectory) {
        this.backbone = backbone;
        this.file =
                cacheDirectory.resolve(
                        backbone.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".features");
        this.entries = FeatureFile.load(file, backbone.dimension());
    }

    @Override
    public String id() {
        return backbone.id();
    }

    @Override
    public int dimension() {
        return backbone.dimension();
    }

    @Override
    public int maxSequenceTokens() {
        return backbone.maxSequenceTokens();
    }

    /**
     * How many pairs the cache holds.
     *
     * @return the count
     */
    public int size() {
        return entries.size();
    }

    @Override
    public Features embed(List<PromptResponse> batch) {
        List<ByteBuffer> keys = new ArrayList<>(batch.size());
        Map<ByteBuffer, PromptResponse> missing = new LinkedHashMap<>();
        for (PromptResponse pair : batch) {
            ByteBuffer key = key(pair);
            keys.add(key);
            if (!entries.containsKey(key)) {
                missing.putIfAbsent(key, pair);
            }
        }
        if (!missing.isEmpty()) {
            computeAndStore(missing);
        }
        return assemble(keys);
    }

    private void computeAndStore(Map<ByteBuffer, PromptResponse> missing) {
        List<ByteBuffer> keys = new ArrayList<>(missing.keySet());
        Features computed = backbone.embed(new ArrayList<>(missing.values()));
        Map<ByteBuffer, CachedFeatures> fresh = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            fresh.put(
                    keys.get(i),
                    new CachedFeatures(
                            computed.responseFeatures()[i],
                            computed.promptFeatures()[i],
                            computed.truncations().get(i),
                            computed.tokenCounts()[i]));
        }
        FeatureFile.append(file, dimension(), fresh);
        entries.putAll(fresh);
    }

    private Features assemble(List<ByteBuffer> keys) {
        int n = keys.size();
        float[][] responses = new float[n][];
        float[][] prompts = new float[n][];
        List<Truncation> truncations = new ArrayList<>(n);
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            CachedFeatures cached = entries.get(keys.get(i));
            responses[i] = cached.responseFeature().clone();
            prompts[i] = cached.promptFeature().clone();
            truncations.add(cached.truncation());
            tokens[i] = cached.tokenCount();
        }
        return new Features(responses, prompts, truncations, tokens);
    }

    private ByteBuffer key(PromptResponse pair) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(backbone.id().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(pair.prompt().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(pair.response().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        backbone.close();
    }
}
