package io.rewardloop.model.heads;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits W row by row: ridge on an objective's ratings when it has any, else a Bradley-Terry head on
 * the pairs naming it (with a single learned objective, pairs naming none count too); a length
 * objective's row stays zero.
 */
final class StageOne {

    private static final Logger LOG = LoggerFactory.getLogger(StageOne.class);

    private final ObjectiveSet objectives;
    private final RidgeRegression ridge;
    private final BradleyTerryHead bradleyTerry;
    private HeadFit[] fits;

    StageOne(ObjectiveSet objectives, RidgeRegression ridge, BradleyTerryHead bradleyTerry) {
        this.objectives = objectives;
        this.ridge = ridge;
        this.bradleyTerry = bradleyTerry;
    }

    float[][] fit(RatingSet ratings, PairSet pairs, int dimension, Map<String, Double> metrics) {
        float[][] w = new float[objectives.size()][];
        fits = new HeadFit[w.length];
        for (int k = 0; k < w.length; k++) {
            Objective objective = objectives.get(k);
            if (objective.kind() == ObjectiveKind.LENGTH) {
                w[k] = new float[dimension];
                continue;
            }
            HeadFit fit = fitRow(k, ratings, pairs);
            fits[k] = fit;
            String prefix = "stage1." + objective.name() + ".";
            boolean isRidge = HeadFit.RIDGE.equals(fit.method());
            metrics.put(prefix + (isRidge ? "ridge_alpha" : "bt_l2"), fit.regularization());
            metrics.put(prefix + "validation_loss", fit.validationLoss());
            metrics.put(prefix + "examples", (double) fit.examples());
            LOG.info(
                    "stage 1 {}: {} on {} examples, regularization {}, validation loss {}",
                    objective.name(),
                    fit.method(),
                    fit.examples(),
                    fit.regularization(),
                    fit.validationLoss());
            w[k] = Vectors.toFloat(fit.weights());
        }
        return w;
    }

    /** Tells whether some row of the last fit came from pairs (cross-fitting has work to do). */
    boolean usedPairs() {
        for (HeadFit fit : fits) {
            if (fit != null && HeadFit.BRADLEY_TERRY.equals(fit.method())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refits the pair-trained rows of the last fit without some pairs, at the L2 chosen then; ridge
     * and length rows are kept.
     */
    float[][] refitWithout(PairSet pairs, boolean[] excluded, float[][] w) {
        float[][] out = w.clone();
        for (int k = 0; k < w.length; k++) {
            if (fits[k] == null || !HeadFit.BRADLEY_TERRY.equals(fits[k].method())) {
                continue;
            }
            int[] rows =
                    java.util.Arrays.stream(pairRows(k, pairs)).filter(i -> !excluded[i]).toArray();
            if (rows.length > 0) {
                HeadFit fit = bradleyTerry.fitAt(pairs, rows, fits[k].regularization());
                out[k] = Vectors.toFloat(fit.weights());
            }
        }
        return out;
    }

    private HeadFit fitRow(int k, RatingSet ratings, PairSet pairs) {
        if (ratings != null && ratings.hasRatings(k)) {
            return ridge.fit(ratings.features(), ratings.rescaled(k));
        }
        int[] rows = pairRows(k, pairs);
        if (rows.length == 0) {
            throw new IllegalArgumentException(
                    "objective '" + objectives.get(k).name() + "' has neither ratings nor pairs");
        }
        return bradleyTerry.fit(pairs, rows);
    }

    int[] pairRows(int k, PairSet pairs) {
        if (pairs == null) {
            return new int[0];
        }
        if (learnedCount() == 1) {
            int[] objectivesOfPairs = pairs.objectives();
            return java.util.stream.IntStream.range(0, pairs.size())
                    .filter(
                            i ->
                                    objectivesOfPairs[i] == k
                                            || objectivesOfPairs[i] == PairSet.NO_OBJECTIVE)
                    .toArray();
        }
        return pairs.rowsOf(k);
    }

    private int learnedCount() {
        int count = 0;
        for (Objective objective : objectives.objectives()) {
            count += objective.kind() == ObjectiveKind.LENGTH ? 0 : 1;
        }
        return count;
    }
}
