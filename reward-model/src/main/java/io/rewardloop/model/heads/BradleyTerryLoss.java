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
 * (r'_c - r'_r)}.
 */
public final class BradleyTerryLoss extends Loss {

    private final float routingWeight;

    /**
     * Creates the loss.
     *
     * @param routingWeight the weight of the routing cross-entropy; 0 for pure Bradley-Terry
     */
    public BradleyTerryLoss(float routingWeight) {
        super("BradleyTerryLoss");
        this.routingWeight = routingWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray loss = bradleyTerry(labels, predictions);
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
        // -log sigmoid(m) = softplus(-m) = max(-m, 0) + log(1 + exp(-|m|)), stable for any m.
        return margin.neg().maximum(0).add(margin.abs().neg().exp().add(1).log()).mean();
    }
}
