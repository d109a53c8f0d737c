package io.rewardloop.retrainer.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A reference prepared for repeated tests: sorted reward columns for KS, and, for the detectors
 * that fit something (PCA, per-head z-scores), a fit on the even-indexed half of the reference and
 * a test sample from the odd-indexed half, so that fitted points are never compared (see {@link
 * PrincipalComponents}).
 */
final class FittedReference {

    final List<String> objectives;
    final ScoredResponse like;
    final double[][] sortedObjectiveRewards;
    final double[] sortedScores; // null without scores
    final PrincipalComponents projection; // null without embeddings
    final double[][] mmdSample;
    final EnsembleDisagreement disagreement; // null without head rewards
    final double[] sortedDisagreements;
    final OptionalDouble discrimination;
    final OptionalDouble humanAccuracy;

    FittedReference(DriftReference reference, DriftSettings settings) {
        List<ScoredResponse> responses = reference.responses();
        objectives = reference.objectives();
        like = responses.get(0);
        sortedObjectiveRewards = new double[objectives.size()][responses.size()];
        double[] scores = new double[responses.size()];
        for (int i = 0; i < responses.size(); i++) {
            for (int k = 0; k < objectives.size(); k++) {
                sortedObjectiveRewards[k][i] = responses.get(i).objectiveRewards()[k];
            }
            scores[i] = responses.get(i).score();
        }
        for (double[] column : sortedObjectiveRewards) {
            Arrays.sort(column);
        }
        Arrays.sort(scores);
        sortedScores = reference.hasScores() ? scores : null;
        List<ScoredResponse> fitHalf = half(responses, 0);
        List<ScoredResponse> testHalf = half(responses, 1);
        if (reference.hasEmbeddings()) {
            projection =
                    PrincipalComponents.fit(
                            fitHalf.stream().map(ScoredResponse::embedding).toArray(float[][]::new),
                            settings.pcaDims(),
                            settings.seed());
            List<ScoredResponse> sample =
                    subsample(testHalf, settings.mmdSampleSize(), settings.seed());
            mmdSample =
                    projection.project(
                            sample.stream().map(ScoredResponse::embedding).toArray(float[][]::new));
        } else {
            projection = null;
            mmdSample = null;
        }
        if (reference.hasHeadRewards()) {
            disagreement = EnsembleDisagreement.fit(headRewards(fitHalf));
            sortedDisagreements =
                    KolmogorovSmirnov.sortedCopy(disagreement.of(headRewards(testHalf)));
        } else {
            disagreement = null;
            sortedDisagreements = null;
        }
        discrimination = reference.discrimination();
        humanAccuracy = reference.humanAccuracy();
    }

    private static double[][] headRewards(List<ScoredResponse> responses) {
        return responses.stream().map(ScoredResponse::headRewards).toArray(double[][]::new);
    }

    private static List<ScoredResponse> half(List<ScoredResponse> responses, int parity) {
        List<ScoredResponse> half = new ArrayList<>();
        for (int i = parity; i < responses.size(); i += 2) {
            half.add(responses.get(i));
        }
        return half;
    }

    // A seeded uniform subsample (partial Fisher-Yates), so a time-ordered sample is not cut.
    static List<ScoredResponse> subsample(List<ScoredResponse> from, int size, long seed) {
        List<ScoredResponse> copy = new ArrayList<>(from);
        if (copy.size() <= size) {
            return copy;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            Collections.swap(copy, i, i + random.nextInt(copy.size() - i));
        }
        return copy.subList(0, size);
    }
}
