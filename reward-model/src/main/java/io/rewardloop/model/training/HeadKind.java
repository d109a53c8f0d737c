package io.rewardloop.model.training;

/** Which reward head to train. */
public enum HeadKind {
    /** ArmoRM: per-objective heads, verbosity debiasing, and a gating network over objectives. */
    ARMO,
    /**
     * The baseline: one Bradley-Terry linear head on all pairs (one objective, {@code preference},
     * no debiasing, no gating), the model ArmoRM is compared with.
     */
    LINEAR
}
