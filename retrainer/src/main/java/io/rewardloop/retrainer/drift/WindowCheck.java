package io.rewardloop.retrainer.drift;

import io.rewardloop.events.DriftDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every detector that has data on one full window and splits the level among them. KS tests
 * use the reference-conditional p-value of {@link KolmogorovSmirnov#pValueAgainstReference}, with
 * the reference's miss probability {@code 1 - referenceConfidence} split over the KS tests.
 */
final class WindowCheck {

    private final DriftSettings settings;

    WindowCheck(DriftSettings settings) {
        this.settings = settings;
    }

    /**
     * Tests one window.
     *
     * @param reference the fitted reference
     * @param responses the window's responses
     * @param prompts J groups to test, empty when too few have arrived
     * @param labelsCorrect fresh human labels the model agreed with
     * @param labels fresh human labels to test, 0 when too few have arrived
     * @param window the window's number
     * @return the check
     */
    DriftCheck run(
            FittedReference reference,
            List<ScoredResponse> responses,
            List<double[]> prompts,
            long labelsCorrect,
            long labels,
            long window) {
        boolean testJ = !prompts.isEmpty() && reference.discrimination.isPresent();
        boolean testLabels = labels > 0 && reference.humanAccuracy.isPresent();
        int ksTests =
                reference.objectives.size()
                        + (reference.sortedScores != null ? 1 : 0)
                        + (reference.disagreement != null ? 1 : 0);
        int count =
                ksTests
                        + (reference.projection != null ? 1 : 0)
                        + (testJ ? 1 : 0)
                        + (testLabels ? 1 : 0);
        double alpha = settings.falseAlarmRate() / count;
        double beta = (1 - settings.referenceConfidence()) / ksTests;
        List<DriftTest> tests = new ArrayList<>(count);
        for (int k = 0; k < reference.objectives.size(); k++) {
            int objective = k;
            double[] live =
                    responses.stream().mapToDouble(r -> r.objectiveRewards()[objective]).toArray();
            tests.add(
                    ks(
                            DriftDetector.REWARD_KS,
                            reference.objectives.get(k),
                            reference.sortedObjectiveRewards[k],
                            live,
                            alpha,
                            beta));
        }
        if (reference.sortedScores != null) {
            double[] scores = responses.stream().mapToDouble(ScoredResponse::score).toArray();
            tests.add(
                    ks(DriftDetector.REWARD_KS, null, reference.sortedScores, scores, alpha, beta));
        }
        if (reference.projection != null) {
            tests.add(mmd(reference, responses, alpha, window));
        }
        if (reference.disagreement != null) {
            double[] live =
                    reference.disagreement.of(
                            responses.stream()
                                    .map(ScoredResponse::headRewards)
                                    .toArray(double[][]::new));
            tests.add(
                    ks(
                            DriftDetector.ENSEMBLE_DISAGREEMENT,
                            null,
                            reference.sortedDisagreements,
                            live,
                            alpha,
                            beta));
        }
        if (testJ) {
            tests.add(discrimination(reference, prompts, alpha));
        }
        if (testLabels) {
            double boundary = reference.humanAccuracy.getAsDouble() - settings.humanAccuracyDelta();
            tests.add(
                    new DriftTest(
                            DriftDetector.HUMAN_ACCURACY,
                            null,
                            (double) labelsCorrect / labels,
                            accuracyPValue(labelsCorrect, labels, boundary),
                            alpha,
                            boundary,
                            0,
                            labels));
        }
        long start = responses.get(0).timestampMillis();
        long end = responses.get(responses.size() - 1).timestampMillis();
        return new DriftCheck(window, start, end, settings.falseAlarmRate(), tests);
    }

    private static DriftTest ks(
            DriftDetector detector,
            String objective,
            double[] sortedReference,
            double[] live,
            double alpha,
            double beta) {
        int m = sortedReference.length;
        int n = live.length;
        double d =
                (double)
                                KolmogorovSmirnov.scaledStatistic(
                                        sortedReference, KolmogorovSmirnov.sortedCopy(live))
                        / ((long) n * m);
        double margin = KolmogorovSmirnov.referenceMargin(m, beta);
        return new DriftTest(
                detector,
                objective,
                d,
                KolmogorovSmirnov.pValueAgainstReference(d, n, margin),
                alpha,
                KolmogorovSmirnov.criticalValueAgainstReference(n, margin, alpha),
                m,
                n);
    }

    private DriftTest mmd(
            FittedReference reference, List<ScoredResponse> responses, double alpha, long window) {
        // A different, reproducible random stream per window keeps windows independent.
        long seed = settings.seed() + 0x9E3779B97F4A7C15L * window;
        double[][] live =
                reference.projection.project(
                        FittedReference.subsample(responses, settings.mmdSampleSize(), seed)
                                .stream()
                                .map(ScoredResponse::embedding)
                                .toArray(float[][]::new));
        MaximumMeanDiscrepancy.Result result =
                MaximumMeanDiscrepancy.test(
                        reference.mmdSample, live, settings.permutations(), alpha, seed);
        return new DriftTest(
                DriftDetector.EMBEDDING_MMD,
                null,
                result.statistic(),
                result.pValue(),
                alpha,
                result.criticalValue(),
                reference.mmdSample.length,
                live.length);
    }

    private DriftTest discrimination(
            FittedReference reference, List<double[]> prompts, double alpha) {
        double[] values = prompts.stream().mapToDouble(Discrimination::of).toArray();
        double boundary = reference.discrimination.getAsDouble() - settings.discriminationDelta();
        return new DriftTest(
                DriftDetector.DISCRIMINATION,
                null,
                Arrays.stream(values).average().orElseThrow(),
                Discrimination.pValueBelow(values, boundary),
                alpha,
                boundary,
                0,
                values.length);
    }

    /**
     * Exact one-sided binomial test of "accuracy >= boundary": {@code P(X <= correct)} for X ~
     * Binomial(n, boundary). The Wilson (score) bound would be simpler, but at 50 labels and a
     * level of 0.0014 its level is 0.0024; the exact test never exceeds its level.
     */
    static double accuracyPValue(long correct, long n, double boundary) {
        if (boundary <= 0) {
            return 1.0;
        }
        if (boundary >= 1) {
            return correct < n ? 0.0 : 1.0;
        }
        return Distributions.binomialCdf(correct, n, boundary);
    }
}
