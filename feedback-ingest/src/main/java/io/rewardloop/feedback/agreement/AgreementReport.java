package io.rewardloop.feedback.agreement;

import java.util.List;

/**
 * The agreement figures, as {@code GET /v1/agreement} answers them. A figure that is undefined
 * (nothing to compare) is null.
 *
 * @param overall over every objective
 * @param objectives one entry per objective, sorted by name
 * @param annotators one entry per annotator, sorted by id
 */
public record AgreementReport(
        ObjectiveAgreement overall,
        List<ObjectiveAgreement> objectives,
        List<AnnotatorAgreement> annotators) {

    /** Copies. */
    public AgreementReport {
        objectives = List.copyOf(objectives);
        annotators = List.copyOf(annotators);
    }

    /**
     * Agreement on one objective (or all).
     *
     * @param objective the objective; {@code "*"} for the overall figures
     * @param pairs preference pairs with votes of at least two annotators
     * @param pairComparisons pairs of annotators compared on those pairs
     * @param pairAgreement share of those comparisons where both voted the same (ties included)
     * @param ratedResponses rated responses with ratings of at least two annotators
     * @param pairableRatings the ratings on those responses (alpha's n)
     * @param alpha Krippendorff's alpha, interval metric, on ratings rescaled to [0, 1]
     */
    public record ObjectiveAgreement(
            String objective,
            long pairs,
            long pairComparisons,
            Double pairAgreement,
            long ratedResponses,
            long pairableRatings,
            Double alpha) {}

    /**
     * One annotator against the others.
     *
     * @param annotator the annotator id
     * @param majorityComparisons pairs this annotator voted on where the other annotators' votes
     *     have a single most frequent answer (their majority)
     * @param majorityAgreement share of those where this annotator voted with that majority
     * @param ratingComparisons responses this annotator rated that others rated too
     * @param meanRatingDeviation mean absolute difference between this annotator's rescaled rating
     *     and the mean of the others' on the same response and objective
     */
    public record AnnotatorAgreement(
            String annotator,
            long majorityComparisons,
            Double majorityAgreement,
            long ratingComparisons,
            Double meanRatingDeviation) {}
}
