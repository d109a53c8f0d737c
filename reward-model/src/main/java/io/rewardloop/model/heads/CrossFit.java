package io.rewardloop.model.heads;

/**
 * Cross-fitted stage-2 inputs: when stage 1 learned heads from the same pairs that train the gate,
 * the in-sample reward differences overstate the heads' accuracy (the gate then over-trusts them).
 * Here the pairs are cut into k seeded folds and each fold's reward differences come from
 * pair-trained heads refit without that fold (same L2, same debiasing), so the gate trains on
 * rewards as good as the heads will be on new pairs. The model keeps the heads fit on all pairs.
 */
final class CrossFit {

    private CrossFit() {}

    static GatingData margins(
            StageOne stageOne, ObjectiveHeads heads, PairSet pairs, int folds, long seed) {
        int n = pairs.size();
        int[] order = Splits.permutation(n, seed);
        float[][] margins = new float[n][];
        for (int f = 0; f < folds; f++) {
            boolean[] inFold = new boolean[n];
            int from = (int) ((long) n * f / folds);
            int to = (int) ((long) n * (f + 1) / folds);
            for (int i = from; i < to; i++) {
                inFold[order[i]] = true;
            }
            float[][] w = stageOne.refitWithout(pairs, inFold, heads.weights());
            ObjectiveHeads foldHeads =
                    new ObjectiveHeads(heads.objectives(), w, heads.debiasing(), heads.length());
            for (int i = from; i < to; i++) {
                margins[order[i]] = GatingData.margin(foldHeads, pairs, order[i]);
            }
        }
        return new GatingData(pairs.prompts(), margins, pairs.objectives(), pairs.targets());
    }
}
