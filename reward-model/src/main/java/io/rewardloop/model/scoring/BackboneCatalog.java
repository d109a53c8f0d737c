package io.rewardloop.model.scoring;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.common.RewardLoopException;
import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.BackboneOptions;
import io.rewardloop.model.backbone.MiniLmBackbone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the backbone a model was trained on from its id, and keeps one per id: model versions that
 * share a backbone share its weights, so a new version costs only its heads. Ids name the settings
 * that change features, e.g. {@code all-minilm-l6-v2/mean-l2/pair256-prompt128}. Not thread-safe;
 * the backbones it hands out are not either.
 *
 * <p>The operator's backbone settings ({@link BackboneOptions}: layer kernel, prompt cache budget)
 * are read and validated when the catalog is created, at start-up: a typo fails there with the
 * key's name, not later on the thread that loads a model.
 */
public final class BackboneCatalog implements AutoCloseable {

    private static final Pattern MINILM =
            Pattern.compile("all-minilm-l6-v2/mean-l2/pair(\\d+)-prompt(\\d+)");

    /**
     * Padded tokens per backbone forward pass by default: 16 sequences of 256 tokens, where the
     * PyTorch-engine MiniLM measured fastest on CPU (benchmarks/results/backbone.md: a whole 32 x
     * 256 pass is slower per pair, its 50 MB activations mapped and faulted in afresh each time).
     */
    public static final int DEFAULT_BATCH_TOKENS = 4096;

    private final int maxBatchTokens;
    private final BackboneOptions options;
    private final Map<String, Backbone> open = new HashMap<>();

    /**
     * Creates a catalog with {@link #DEFAULT_BATCH_TOKENS} and the backbone settings of the
     * environment and system properties.
     *
     * @throws io.rewardloop.common.ConfigException naming a backbone key that is wrong or unknown
     */
    public BackboneCatalog() {
        this(DEFAULT_BATCH_TOKENS);
    }

    /**
     * Creates a catalog with the backbone settings of the environment and system properties.
     *
     * @param maxBatchTokens the padded-token budget of one internal backbone batch
     * @throws io.rewardloop.common.ConfigException naming a backbone key that is wrong or unknown
     */
    public BackboneCatalog(int maxBatchTokens) {
        this(maxBatchTokens, BackboneOptions.fromConfig(ConfigSource.fromSystem()));
    }

    /**
     * Creates a catalog.
     *
     * @param maxBatchTokens the padded-token budget of one internal backbone batch
     * @param options the backbone settings, already validated
     */
    public BackboneCatalog(int maxBatchTokens, BackboneOptions options) {
        this.maxBatchTokens = maxBatchTokens;
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /**
     * The backbone with this id, built on first use.
     *
     * @param id the backbone id a model names
     * @return the backbone (owned by the catalog)
     */
    public Backbone get(String id) {
        Backbone existing = open.get(id);
        if (existing != null) {
            return existing;
        }
        Backbone built = build(id);
        if (!built.id().equals(id)) {
            built.close();
            throw new RewardLoopException("built backbone " + built.id() + " for id " + id);
        }
        open.put(id, built);
        return built;
    }

    private Backbone build(String id) {
        Matcher minilm = MINILM.matcher(id);
        if (!minilm.matches()) {
            throw new RewardLoopException(
                    "unknown backbone id '"
                            + id
                            + "': this build knows all-minilm-l6-v2/mean-l2/pair<N>-prompt<M>");
        }
        try {
            return MiniLmBackbone.builder()
                    .optMaxTokens(Integer.parseInt(minilm.group(1)))
                    .optMaxPromptTokens(Integer.parseInt(minilm.group(2)))
                    .optMaxBatchTokens(maxBatchTokens)
                    .optBackboneOptions(options)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load backbone " + id, e);
        }
    }

    @Override
    public void close() {
        open.values().forEach(Backbone::close);
        open.clear();
    }
}
