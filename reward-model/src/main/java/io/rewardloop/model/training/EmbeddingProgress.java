package io.rewardloop.model.training;

/** Hears how far an embedding run has got; long runs show it to the user. */
@FunctionalInterface
public interface EmbeddingProgress {

    /** Reports nothing. */
    EmbeddingProgress NONE = (done, total, nanos) -> {};

    /**
     * Called after each chunk.
     *
     * @param done pairs embedded so far
     * @param total pairs to embed
     * @param elapsedNanos time since the run began
     */
    void onProgress(int done, int total, long elapsedNanos);
}
