package io.rewardloop.model.heads;

/** What an objective is and where its reward comes from. */
public enum ObjectiveKind {
    /** A learned objective: a linear head fitted on ratings or on pairs naming it. */
    LEARNED,
    /**
     * A learned verbosity objective: fitted like {@link #LEARNED}, then used as the debiasing
     * direction (its debiased reward is zero).
     */
    VERBOSITY,
    /**
     * A label-free stand-in for verbosity when no rated verbosity exists: its reward is the
     * standardized log response length (see {@link LengthFeature}); it is the debiasing direction.
     */
    LENGTH;

    /**
     * Tells whether this kind is the direction the other objectives are debiased against.
     *
     * @return true for {@link #VERBOSITY} and {@link #LENGTH}
     */
    public boolean isDebiasTarget() {
        return this != LEARNED;
    }
}
