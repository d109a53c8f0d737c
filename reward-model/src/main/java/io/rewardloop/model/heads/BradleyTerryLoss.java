package io.rewardloop.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The stage-2 loss: Bradley-Terry on the gated score, {@code mean(-log sigmoid(g . (r'_chosen -
 * r'_rejected)))}, plus an optional routing term. Predictions: the gating weights g (batch x K) and
 * the tempered logits (batch x K); labels: the frozen debiased reward differences (batch x K) and,
 * for the routing term, each pair's objective one-hot (an all-zero row for a pair that names none).
 * The gating is shared by both responses of a pair (same prompt), so {@code score_c - score_r = g .
 * (r'_c - r'_r)}. With per-pair targets (the last label, batch x 2: margin m and smoothing weight
 * a; see {@link PairTargets}) the Bradley-Terry part is {@code mean((1 - a) softplus(-(D - m)) + a
 * softplus(D - m))}.
 */
public final class BradleyTerryLoss extends Loss {

    private final float routingWeight;
    private final boolean pairTargets;

    /**
     * Creates the loss without per-pair targets.
     *
     * @param routingWeight the weight of the routing cross-entropy; 0 for pure Bradley-Terry
     */
    public BradleyTerryLoss(float routingWeight) {
        this(routingWeight, false);
    }

    /**
     * Creates the loss.
     *
     * @param routingWeight the weight of the routing cross-entropy; 0 for pure Bradley-Terry
     * @param pairTargets true when the last label holds each pair's (margin, smoothing weight)
     */
    public BradleyTerryLoss(float routingWeight, boolean pairTargets) {
        super("BradleyTerryLoss");
        this.routingWeight = routingWeight;
        this.pairTargets = pairTargets;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray loss =
                pairTargets
                        ? withTargets(labels.get(0), labels.get(labels.size() - 1), predictions)
                        : bradleyTerry(labels, predictions);
        if (routingWeight == 0 || labels.size() < 2) {
            return loss;
        }
        NDArray targets = labels.get(1);
        NDArray logProbabilities = predictions.get(1).logSoftmax(1);
        NDArray named = targets.sum().maximum(1f);
        NDArray crossEntropy = targets.mul(logProbabilities).sum().neg().div(named);
        return loss.add(crossEntropy.mul(routingWeight));
    }

    /**
     * Computes the Bradley-Terry part alone (what the checkpoint is chosen on).
     *
     * @param labels the reward differences first
     * @param predictions the gating weights first
     * @return the mean Bradley-Terry loss
     */
    public NDArray bradleyTerry(NDList labels, NDList predictions) {
        NDArray margin = predictions.get(0).mul(labels.get(0)).sum(new int[] {1});
        // -log sigmoid(m) = softplus(-m)
        return softplus(margin.neg()).mean();
    }

    private static NDArray withTargets(
            NDArray rewardDifferences, NDArray targets, NDList predictions) {
        NDArray difference = predictions.get(0).mul(rewardDifferences).sum(new int[] {1});
        NDArray shifted = difference.sub(targets.get(":, 0"));
        NDArray smoothing = targets.get(":, 1");
        NDArray chosenTerm = softplus(shifted.neg()).mul(smoothing.neg().add(1));
        return chosenTerm.add(softplus(shifted).mul(smoothing)).mean();
    }

    /** {@code log(1 + exp(x)) = max(x, 0) + log(1 + exp(-|x|))}, stable for any x. */
    private static NDArray softplus(NDArray x) {
        return x.maximum(0).add(x.abs().neg().exp().add(1).log());
    }
}
