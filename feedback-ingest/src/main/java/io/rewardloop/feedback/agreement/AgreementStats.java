package io.rewardloop.feedback.agreement;

import io.rewardloop.feedback.agreement.AgreementReport.AnnotatorAgreement;
import io.rewardloop.feedback.agreement.AgreementReport.ObjectiveAgreement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes the {@link AgreementReport} from the preference and rating units. */
public final class AgreementStats {

    /** The objective name of the overall figures. */
    public static final String OVERALL = "*";

    private AgreementStats() {}

    /**
     * The report.
     *
     * @param pairs preference units (votes per annotator)
     * @param ratings rating units (rescaled ratings per annotator)
     * @return the figures
     */
    public static AgreementReport compute(Iterable<Unit> pairs, Iterable<Unit> ratings) {
        Map<String, PairTally> pairTallies = new TreeMap<>();
        Map<String, List<List<Double>>> ratingUnits = new TreeMap<>();
        Map<String, AnnotatorTally> annotators = new TreeMap<>();
        for (Unit unit : pairs) {
            pairTallies.computeIfAbsent(unit.objective(), o -> new PairTally()).add(unit);
            pairTallies.computeIfAbsent(OVERALL, o -> new PairTally()).add(unit);
            majority(unit, annotators);
        }
        for (Unit unit : ratings) {
            List<Double> values = new ArrayList<>();
            unit.answers().values().forEach(v -> values.add(((Number) v).doubleValue()));
            ratingUnits.computeIfAbsent(unit.objective(), o -> new ArrayList<>()).add(values);
            ratingUnits.computeIfAbsent(OVERALL, o -> new ArrayList<>()).add(values);
            deviation(unit, annotators);
        }
        TreeSet<String> names = new TreeSet<>(pairTallies.keySet());
        names.addAll(ratingUnits.keySet());
        names.remove(OVERALL);
        List<ObjectiveAgreement> objectives = new ArrayList<>();
        for (String name : names) {
            objectives.add(objective(name, pairTallies.get(name), ratingUnits.get(name)));
        }
        List<AnnotatorAgreement> people = new ArrayList<>();
        annotators.forEach((id, t) -> people.add(t.toAgreement(id)));
        return new AgreementReport(
                objective(OVERALL, pairTallies.get(OVERALL), ratingUnits.get(OVERALL)),
                objectives,
                people);
    }

    private static ObjectiveAgreement objective(
            String name, PairTally pairs, List<List<Double>> ratings) {
        PairTally p = pairs == null ? new PairTally() : pairs;
        List<List<Double>> r = ratings == null ? List.of() : ratings;
        long units = r.stream().filter(u -> u.size() >= 2).count();
        long values = r.stream().filter(u -> u.size() >= 2).mapToLong(List::size).sum();
        OptionalDouble alpha = KrippendorffAlpha.interval(r);
        return new ObjectiveAgreement(
                name,
                p.units,
                p.comparisons,
                p.comparisons == 0 ? null : (double) p.agreeing / p.comparisons,
                units,
                values,
                alpha.isPresent() ? alpha.getAsDouble() : null);
    }

    /** Each voter against the single most frequent vote of the others, when there is one. */
    private static void majority(Unit unit, Map<String, AnnotatorTally> annotators) {
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
                AnnotatorTally t =
                        annotators.computeIfAbsent(mine.getKey(), k -> new AnnotatorTally());
                t.majorityComparisons++;
                if (top.equals(mine.getValue())) {
                    t.withMajority++;
                }
            }
        }
    }

    /** Each rater against the mean of the others' ratings. */
    private static void deviation(Unit unit, Map<String, AnnotatorTally> annotators) {
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
            AnnotatorTally t = annotators.computeIfAbsent(mine.getKey(), k -> new AnnotatorTally());
            t.ratingComparisons++;
            t.deviation += Math.abs(value - othersMean);
        }
    }

    private static final class PairTally {
        long units;
        long comparisons;
        long agreeing;

        void add(Unit unit) {
            List<Object> votes = new ArrayList<>(unit.answers().values());
            if (votes.size() < 2) {
                return;
            }
            units++;
            for (int i = 0; i < votes.size(); i++) {
                for (int j = i + 1; j < votes.size(); j++) {
                    comparisons++;
                    if (votes.get(i).equals(votes.get(j))) {
                        agreeing++;
                    }
                }
            }
        }
    }

    private static final class AnnotatorTally {
        long majorityComparisons;
        long withMajority;
        long ratingComparisons;
        double deviation;

        AnnotatorAgreement toAgreement(String id) {
            return new AnnotatorAgreement(
                    id,
                    majorityComparisons,
                    majorityComparisons == 0 ? null : (double) withMajority / majorityComparisons,
                    ratingComparisons,
                    ratingComparisons == 0 ? null : deviation / ratingComparisons);
        }
    }
}
