package io.rewardloop.model.eval;

import io.rewardloop.model.data.PreferencePair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computes an {@link AccuracyReport} from pairs and the scores a model gave each side. */
public final class PairwiseEvaluator {

    private PairwiseEvaluator() {}

    /**
     * Scores the pairs.
     *
     * @param pairs the held-out pairs
     * @param chosenScores the model's score of each pair's chosen response
     * @param rejectedScores the model's score of each pair's rejected response
     * @return the report
     */
    public static AccuracyReport evaluate(
            List<PreferencePair> pairs, double[] chosenScores, double[] rejectedScores) {
        if (chosenScores.length != pairs.size() || rejectedScores.length != pairs.size()) {
            throw new IllegalArgumentException(
                    "need one chosen and one rejected score per pair: "
                            + pairs.size()
                            + " pairs, "
                            + chosenScores.length
                            + " and "
                            + rejectedScores.length
                            + " scores");
        }
        Tally overall = new Tally();
        Map<String, Tally> bySubset = new HashMap<>();
        Map<String, Tally> byObjective = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            double credit = credit(chosenScores[i], rejectedScores[i]);
            overall.add(credit);
            PreferencePair pair = pairs.get(i);
            if (pair.subset() != null) {
                bySubset.computeIfAbsent(pair.subset(), k -> new Tally()).add(credit);
            }
            if (pair.objective() != null) {
                byObjective.computeIfAbsent(pair.objective(), k -> new Tally()).add(credit);
            }
        }
        return new AccuracyReport(
                overall.count, overall.accuracy(), summarize(bySubset), summarize(byObjective));
    }

    private static double credit(double chosen, double rejected) {
        if (chosen > rejected) {
            return 1;
        }
        return chosen == rejected ? 0.5 : 0;
    }

    private static Map<String, AccuracyReport.GroupAccuracy> summarize(Map<String, Tally> tallies) {
        Map<String, AccuracyReport.GroupAccuracy> groups = new HashMap<>();
        tallies.forEach(
                (name, tally) ->
                        groups.put(
                                name,
                                new AccuracyReport.GroupAccuracy(tally.count, tally.accuracy())));
        return groups;
    }

    private static final class Tally {
        private int count;
        private double correct;

        void add(double credit) {
            count++;
            correct += credit;
        }

        double accuracy() {
            return count == 0 ? Double.NaN : correct / count;
        }
    }
}
