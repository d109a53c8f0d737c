package io.rewardloop.feedback.agreement;

import io.rewardloop.feedback.agreement.AgreementSums.AnnotatorSums;
import io.rewardloop.feedback.agreement.AgreementSums.ObjectiveSums;
import io.rewardloop.feedback.agreement.KrippendorffAlpha.IntervalSums;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the agreement figures from preference and rating units: first their {@link
 * AgreementSums} (which add up across instances), then the {@link AgreementReport}.
 */
public final class AgreementStats {

    /** The objective name of the overall figures. */
    public static final String OVERALL = "*";

    private AgreementStats() {}

    /**
     * The report of these units.
     *
     * @param pairs preference units (votes per annotator)
     * @param ratings rating units (rescaled ratings per annotator)
     * @return the figures
     */
    public static AgreementReport compute(Iterable<Unit> pairs, Iterable<Unit> ratings) {
        return sums(pairs, ratings).report();
    }

    /**
     * The sums of these units.
     *
     * @param pairs preference units (votes per annotator)
     * @param ratings rating units (rescaled ratings per annotator)
     * @return the sums, to add to other units' sums or to finish into a report
     */
    public static AgreementSums sums(Iterable<Unit> pairs, Iterable<Unit> ratings) {
        Map<String, ObjectiveSums> objectives = new HashMap<>();
        Map<String, AnnotatorSums> annotators = new HashMap<>();
        for (Unit unit : pairs) {
            ObjectiveSums sums = pairSums(unit);
            objectives.merge(unit.objective(), sums, ObjectiveSums::plus);
            objectives.merge(OVERALL, sums, ObjectiveSums::plus);
            majority(unit, annotators);
        }
        for (Unit unit : ratings) {
            List<Double> values = new ArrayList<>();
            unit.answers().values().forEach(v -> values.add(((Number) v).doubleValue()));
            ObjectiveSums sums = new ObjectiveSums(0, 0, 0, IntervalSums.of(values));
            objectives.merge(unit.objective(), sums, ObjectiveSums::plus);
            objectives.merge(OVERALL, sums, ObjectiveSums::plus);
            deviation(unit, annotators);
        }
        return new AgreementSums(objectives, annotators);
    }

    /** Every pair of voters on the unit, and how many of them voted the same. */
    private static ObjectiveSums pairSums(Unit unit) {
        List<Object> votes = new ArrayList<>(unit.answers().values());
        if (votes.size() < 2) {
            return ObjectiveSums.EMPTY;
        }
        long comparisons = 0;
        long agreeing = 0;
        for (int i = 0; i < votes.size(); i++) {
            for (int j = i + 1; j < votes.size(); j++) {
                comparisons++;
                if (votes.get(i).equals(votes.get(j))) {
                    agreeing++;
                }
            }
        }
        return new ObjectiveSums(1, comparisons, agreeing, IntervalSums.EMPTY);
    }

    /** Each voter against the single most frequent vote of the others, when there is one. */
    private static void majority(Unit unit, Map<String, AnnotatorSums> annotators) {
        for (Map.Entry<String, Object> mine : unit.answers().entrySet()) {
            Map<Object, Integer> others = new HashMap<>();
            unit.answers()
                    .forEach(
                            (who, vote) -> {
                                if (!who.equals(mine.getKey())) {
                                    others.merge(vote, 1, Integer::sum);
                                }
                            });
            Object top = null;
            int best = 0;
            boolean unique = false;
            for (Map.Entry<Object, Integer> e : others.entrySet()) {
                if (e.getValue() > best) {
                    top = e.getKey();
                    best = e.getValue();
                    unique = true;
                } else if (e.getValue() == best) {
                    unique = false;
                }
            }
            if (unique) {
                long with = top.equals(mine.getValue()) ? 1 : 0;
                annotators.merge(
                        mine.getKey(), new AnnotatorSums(1, with, 0, 0), AnnotatorSums::plus);
            }
        }
    }

    /** Each rater against the mean of the others' ratings. */
    private static void deviation(Unit unit, Map<String, AnnotatorSums> annotators) {
        int m = unit.answers().size();
        if (m < 2) {
            return;
        }
        double sum = 0;
        for (Object v : unit.answers().values()) {
            sum += ((Number) v).doubleValue();
        }
        for (Map.Entry<String, Object> mine : unit.answers().entrySet()) {
            double value = ((Number) mine.getValue()).doubleValue();
            double othersMean = (sum - value) / (m - 1);
            annotators.merge(
                    mine.getKey(),
                    new AnnotatorSums(0, 0, 1, Math.abs(value - othersMean)),
                    AnnotatorSums::plus);
        }
    }
}
