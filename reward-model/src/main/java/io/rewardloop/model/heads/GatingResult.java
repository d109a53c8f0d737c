package io.rewardloop.model.heads;

/**
 * What stage 2 produced.
 *
 * @param weights the kept gating network: the last one, or the best validation checkpoint when
 *     {@link GatingConfig#selectBestCheckpoint()} is set
 * @param stepsRun the optimizer steps taken (fewer than configured after early stopping)
 * @param bestStep the step of the kept checkpoint (0: the initialization)
 * @param trainLoss the mean training loss over the last evaluation interval
 * @param validationLoss the Bradley-Terry validation loss of the kept network; NaN without a
 *     validation set
 */
public record GatingResult(
        GatingWeights weights,
        int stepsRun,
        int bestStep,
        double trainLoss,
        double validationLoss) {}
