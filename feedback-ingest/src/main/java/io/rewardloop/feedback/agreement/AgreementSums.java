package io.rewardloop.feedback.agreement;

import io.rewardloop.feedback.agreement.AgreementReport.AnnotatorAgreement;
import io.rewardloop.feedback.agreement.AgreementReport.ObjectiveAgreement;
import io.rewardloop.feedback.agreement.KrippendorffAlpha.IntervalSums;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * The agreement figures before they are finished into ratios: counts and sums only, so the sums of
 * instances that each hold some of the units add up to the sums of all units ({@link #plus}), and
 * {@link #report()} gives the same figures as one instance holding every unit. This is what {@code
 * GET /v1/agreement?scope=local} answers and what instances exchange.
 *
 * @param objectives per objective, and {@value AgreementStats#OVERALL} over all of them
 * @param annotators per annotator id
 */
public record AgreementSums(
        Map<String, ObjectiveSums> objectives, Map<String, AnnotatorSums> annotators) {

    /** No units at all. */
    public static final AgreementSums EMPTY = new AgreementSums(Map.of(), Map.of());

    /** Copies, sorted by name. */
    public AgreementSums {
        objectives = Collections.unmodifiableMap(new TreeMap<>(objectives));
        annotators = Collections.unmodifiableMap(new TreeMap<>(annotators));
    }

    /**
     * These sums and those of other units (units are disjoint: each is held by one instance).
     *
     * @param other the other units' sums
     * @return the sums over both
     */
    public AgreementSums plus(AgreementSums other) {
        return new AgreementSums(
                merge(objectives, other.objectives, ObjectiveSums::plus),
                merge(annotators, other.annotators, AnnotatorSums::plus));
    }

    /**
     * The finished figures.
     *
     * @return the report; a figure with nothing to compare is null
     */
    public AgreementReport report() {
        List<ObjectiveAgreement> each = new ArrayList<>();
        objectives.forEach(
                (name, sums) -> {
                    if (!name.equals(AgreementStats.OVERALL)) {
                        each.add(sums.toAgreement(name));
                    }
                });
        List<AnnotatorAgreement> people = new ArrayList<>();
        annotators.forEach((id, sums) -> people.add(sums.toAgreement(id)));
        ObjectiveSums overall =
                objectives.getOrDefault(AgreementStats.OVERALL, ObjectiveSums.EMPTY);
        return new AgreementReport(overall.toAgreement(AgreementStats.OVERALL), each, people);
    }

    private static <V> Map<String, V> merge(
            Map<String, V> a, Map<String, V> b, BinaryOperator<V> plus) {
        Map<String, V> out = new TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, plus));
        return out;
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /**
     * One objective's sums.
     *
     * @param pairs preference units with votes of at least two annotators
     * @param pairComparisons annotator pairs compared on them
     * @param pairAgreeing those comparisons where both voted the same
     * @param ratings the sums behind alpha over the rating units
     */
    public record ObjectiveSums(
            long pairs, long pairComparisons, long pairAgreeing, IntervalSums ratings) {

        /** Nothing. */
        public static final ObjectiveSums EMPTY = new ObjectiveSums(0, 0, 0, IntervalSums.EMPTY);

        /**
         * Adds other units' sums.
         *
         * @param other the other sums
         * @return the total
         */
        public ObjectiveSums plus(ObjectiveSums other) {
            return new ObjectiveSums(
                    pairs + other.pairs,
                    pairComparisons + other.pairComparisons,
                    pairAgreeing + other.pairAgreeing,
                    ratings.plus(other.ratings));
        }

        ObjectiveAgreement toAgreement(String name) {
            OptionalDouble alpha = ratings.alpha();
            return new ObjectiveAgreement(
                    name,
                    pairs,
                    pairComparisons,
                    ratio(pairAgreeing, pairComparisons),
                    ratings.units(),
                    ratings.values(),
                    alpha.isPresent() ? alpha.getAsDouble() : null);
        }
    }

    /**
     * One annotator's sums.
     *
     * @param majorityComparisons pairs where the others' votes have a single most frequent answer
     * @param withMajority those where this annotator voted with it
     * @param ratingComparisons responses this annotator rated that others rated too
     * @param deviation sum of |own rating - mean of the others'| over those responses
     */
    public record AnnotatorSums(
            long majorityComparisons, long withMajority, long ratingComparisons, double deviation) {

        /** Nothing. */
        public static final AnnotatorSums EMPTY = new AnnotatorSums(0, 0, 0, 0);

        /**
         * Adds other units' sums.
         *
         * @param other the other sums
         * @return the total
         */
        public AnnotatorSums plus(AnnotatorSums other) {
            return new AnnotatorSums(
                    majorityComparisons + other.majorityComparisons,
                    withMajority + other.withMajority,
                    ratingComparisons + other.ratingComparisons,
                    deviation + other.deviation);
        }

        AnnotatorAgreement toAgreement(String id) {
            return new AnnotatorAgreement(
                    id,
                    majorityComparisons,
                    ratio(withMajority, majorityComparisons),
                    ratingComparisons,
                    ratingComparisons == 0 ? null : deviation / ratingComparisons);
        }
    }
}
