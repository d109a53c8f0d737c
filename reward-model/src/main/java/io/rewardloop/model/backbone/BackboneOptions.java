package io.rewardloop.model.backbone;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.common.UnknownKeys;
import io.rewardloop.model.backbone.bert.LayerKernel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's backbone settings, read and validated once at start-up ({@link #fromConfig}), so
 * that a typo fails there with the key's name instead of on the thread that later loads a model.
 *
 * @param layerKernel the kernel asked for by {@value LayerKernel#KEY}; empty for {@code auto}
 * @param promptCacheBytes the byte budget of the prompt-feature cache ({@value
 *     #PROMPT_CACHE_BYTES}); 0 disables it
 */
public record BackboneOptions(Optional<LayerKernel> layerKernel, long promptCacheBytes) {

    /** The prompt-feature cache's budget in bytes (e.g. {@code 67108864} or {@code 64MiB}). */
    public static final String PROMPT_CACHE_BYTES = "backbone.prompt.cache.bytes";

    /** 64 MiB: about 10,000 typical prompts with their 384-d features, 1,000 of 32k characters. */
    public static final long DEFAULT_PROMPT_CACHE_BYTES = 64L * 1024 * 1024;

    /** Every key under {@code backbone.}. */
    public static final List<String> KEYS = List.of(LayerKernel.KEY, PROMPT_CACHE_BYTES);

    /**
     * Validates the settings.
     *
     * @param layerKernel the kernel, or empty for {@code auto}
     * @param promptCacheBytes at least 0
     */
    public BackboneOptions {
        Objects.requireNonNull(layerKernel, "layerKernel");
        if (promptCacheBytes < 0) {
            throw new ConfigException(
                    PROMPT_CACHE_BYTES + " must be >= 0 (0 disables it), got " + promptCacheBytes);
        }
    }

    /**
     * The defaults: {@code auto} kernel, a {@value #DEFAULT_PROMPT_CACHE_BYTES}-byte cache.
     *
     * @return the defaults
     */
    public static BackboneOptions defaults() {
        return new BackboneOptions(Optional.empty(), DEFAULT_PROMPT_CACHE_BYTES);
    }

    /**
     * Reads {@value LayerKernel#KEY} and {@value #PROMPT_CACHE_BYTES}, and refuses any other key
     * under {@code backbone.} (environment {@code BACKBONE_*}) as a likely typo.
     *
     * @param source where to read
     * @return the validated options
     * @throws ConfigException naming the key that is wrong or unknown
     */
    public static BackboneOptions fromConfig(ConfigSource source) {
        UnknownKeys.require(source, "backbone.", KEYS);
        return new BackboneOptions(
                LayerKernel.fromConfig(source),
                source.bytes(PROMPT_CACHE_BYTES, DEFAULT_PROMPT_CACHE_BYTES));
    }
}
