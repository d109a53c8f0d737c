package io.rewardloop.model.eval;

import java.util.Map;
import java.util.TreeMap;

/**
 * Pairwise accuracy of a reward model: the share of pairs whose chosen response scored higher (a
 * tie counts as half), overall and per group.
 *
 * @param pairs how many pairs were scored
 * @param accuracy overall accuracy
 * @param bySubset accuracy per {@code "subset"} field, when the data had one
 * @param byObjective accuracy per objective, when pairs named one
 */
public record AccuracyReport(
        int pairs,
        double accuracy,
        Map<String, GroupAccuracy> bySubset,
        Map<String, GroupAccuracy> byObjective) {

    /** Copies the maps, sorted by name so output is stable. */
    public AccuracyReport {
        bySubset = Map.copyOf(new TreeMap<>(bySubset));
        byObjective = Map.copyOf(new TreeMap<>(byObjective));
    }

    /**
     * Accuracy within one group.
     *
     * @param pairs pairs in the group
     * @param accuracy accuracy in the group
     */
    public record GroupAccuracy(int pairs, double accuracy) {}
}
