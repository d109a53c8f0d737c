package io.rewardloop.model.heads;

import java.util.Map;

/**
 * A hook that changes the labels of the training pairs before stage 1 (flips, per-pair {@link
 * PairTargets}), applied by {@link ArmoRmTrainer} to the training split only: held-out pairs keep
 * their labels, so validation accuracy stays honest. Implementations live with the methods that
 * choose the new labels (the preference-strength ensemble in {@code io.rewardloop.model.robust}).
 */
@FunctionalInterface
public interface PairRelabelling {

    /** Leaves every label as it is (the default). */
    PairRelabelling NONE = (pairs, metrics) -> pairs;

    /**
     * Relabels the training pairs.
     *
     * @param trainingPairs the pairs both stages will train on
     * @param metrics the run's metrics, to add what the relabelling did
     * @return the pairs with their new labels, in the same order
     */
    PairSet relabel(PairSet trainingPairs, Map<String, Double> metrics);
}
