package io.rewardloop.scorer.http;

/** The model failed on one pair of a request, scored alone (the Kafka path dead-letters such). */
public final class PairFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The pair's index in its request. */
    private final int index;

    /**
     * Creates the exception.
     *
     * @param index the pair's index in its request
     * @param cause what the model threw
     */
    public PairFailedException(int index, Throwable cause) {
        super("the model failed on pair " + index + ": " + cause, cause, false, false);
        this.index = index;
    }

    /**
     * The pair's index in its request.
     *
     * @return the index
     */
    public int index() {
        return index;
    }
}
