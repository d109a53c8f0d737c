package io.rewardloop.model.backbone;

import java.util.List;

/**
 * A frozen feature extractor: turns (prompt, response) pairs into the response feature {@code h_y}
 * and the prompt feature {@code h_x} that the ArmoRM heads consume (METHODS.md section 1).
 *
 * <p>Implementations hold native resources (DJL NDManagers, predictors, tokenizers) and are <b>not
 * thread-safe</b>: use one backbone per thread, or synchronize calls to {@link #embed} externally.
 * Close the backbone when done.
 */
public interface Backbone extends AutoCloseable {

    /**
     * Returns a stable identifier of the backbone and its settings that change features, for
     * example {@code all-minilm-l6-v2@256/128}; heads trained on one backbone are only valid with
     * the same id.
     *
     * @return the backbone id
     */
    String id();

    /**
     * Returns the length of every feature vector.
     *
     * @return the feature dimension
     */
    int dimension();

    /**
     * The most tokens of one encoded (prompt, response) pair: longer pairs are cut to it, so a pair
     * never costs a forward pass more than this.
     *
     * @return the limit, {@link Integer#MAX_VALUE} when the backbone has none
     */
    default int maxSequenceTokens() {
        return Integer.MAX_VALUE;
    }

    /**
     * Computes the features of a batch. Results are in input order; the backbone forms its own
     * internal batches (by token budget), so the input may be of any size.
     *
     * @param batch the (prompt, response) pairs; may be empty
     * @return the features, one row per input pair
     * @throws BackboneException when the forward pass fails
     */
    Features embed(List<PromptResponse> batch);

    /** Releases the native resources. Never throws a checked exception. */
    @Override
    void close();
}
