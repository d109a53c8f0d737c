package io.rewardloop.model.heads;

/** Receives the progress of a long training run, one call per optimizer step. */
@FunctionalInterface
public interface TrainingProgressListener {

    /** A listener that ignores progress. */
    TrainingProgressListener NONE = (step, loss) -> {};

    /**
     * Called after each optimizer step.
     *
     * @param step the step just taken, from 1
     * @param loss that step's mini-batch training loss
     */
    void onStep(int step, double loss);
}
