package io.rewardloop.model.heads;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The reference responses that debiasing is calibrated on: given explicitly, or by default every
 * rated response and both responses of every training pair (with a length objective, only those
 * whose length is known).
 *
 * @param responses the response features
 * @param lengths their lengths, or null when unknown
 */
record ReferenceSet(float[][] responses, int[] lengths) {

    static ReferenceSet of(RatingSet ratings, PairSet pairs, boolean needLengths) {
        List<float[]> rows = new ArrayList<>();
        List<int[]> lengths = new ArrayList<>();
        if (ratings != null && (!needLengths || ratings.lengths() != null)) {
            rows.addAll(Arrays.asList(ratings.features()));
            lengths.add(ratings.lengths());
        }
        if (pairs != null && (!needLengths || pairs.hasLengths())) {
            rows.addAll(Arrays.asList(pairs.chosen()));
            rows.addAll(Arrays.asList(pairs.rejected()));
            lengths.add(pairs.chosenLengths());
            lengths.add(pairs.rejectedLengths());
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(
                    "no reference responses (with lengths) to debias on");
        }
        boolean known = lengths.stream().allMatch(l -> l != null);
        int[] all = known ? lengths.stream().flatMapToInt(Arrays::stream).toArray() : null;
        return new ReferenceSet(rows.toArray(float[][]::new), all);
    }

    /** Calibrates the length feature (if any) and the debiasing, and freezes the heads. */
    ObjectiveHeads freeze(
            ObjectiveSet objectives,
            float[][] w,
            VerbosityDebiasing chooser,
            Map<String, Double> metrics) {
        int v = objectives.debiasIndex();
        if (v < 0) {
            return new ObjectiveHeads(objectives, w, Debiasing.none(objectives.size()), null);
        }
        double[][] rewards = new double[responses.length][w.length];
        for (int i = 0; i < responses.length; i++) {
            for (int k = 0; k < w.length; k++) {
                rewards[i][k] = Vectors.dot(w[k], responses[i]);
            }
        }
        LengthFeature length = null;
        if (objectives.needsLength()) {
            length = LengthFeature.fit(lengths, learnedSpread(rewards, v));
            for (int i = 0; i < responses.length; i++) {
                rewards[i][v] = length.value(lengths[i]);
            }
        }
        Debiasing debiasing = chooser.fit(rewards, v);
        double[] lambdas = debiasing.lambdas();
        for (int k = 0; k < lambdas.length; k++) {
            metrics.put("debias." + objectives.get(k).name() + ".lambda", lambdas[k]);
        }
        return new ObjectiveHeads(objectives, w, debiasing, length);
    }

    /** Mean standard deviation of the learned objectives' rewards (1 when they are constant). */
    private static double learnedSpread(double[][] rewards, int v) {
        int k = rewards[0].length;
        double sum = 0;
        for (int j = 0; j < k; j++) {
            if (j == v) {
                continue;
            }
            final int col = j;
            double mean = Arrays.stream(rewards).mapToDouble(r -> r[col]).average().orElse(0);
            double var =
                    Arrays.stream(rewards)
                            .mapToDouble(r -> (r[col] - mean) * (r[col] - mean))
                            .average()
                            .orElse(0);
            sum += Math.sqrt(var);
        }
        double spread = sum / (k - 1);
        return spread > 0 ? spread : 1.0;
    }
}
