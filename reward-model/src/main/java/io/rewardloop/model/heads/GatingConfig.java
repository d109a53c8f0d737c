package io.rewardloop.model.heads;

/**
 * Settings of stage 2, the gating network and its training. Defaults follow the ArmoRM reference
 * (tau 10, beta from 1, dropout 0.2, AdamW lr 1e-3 without weight decay, cosine schedule, batches
 * of 1024 pairs) with the width scaled to a 384-d backbone (H = 256) and 1000 steps, plus one
 * extension: the routing loss ({@link #routingWeight()}), on by default, off with weight 0.
 */
public final class GatingConfig {

    private final int hiddenSize;
    private final int hiddenLayers;
    private final float dropout;
    private final float tau;
    private final float initialBeta;
    private final float learningRate;
    private final int steps;
    private final int batchSize;
    private final long seed;
    private final int evaluationInterval;
    private final int patience;
    private final float routingWeight;
    private final boolean selectBestCheckpoint;

    private GatingConfig(Builder b) {
        this.hiddenSize = b.hiddenSize;
        this.hiddenLayers = b.hiddenLayers;
        this.dropout = b.dropout;
        this.tau = b.tau;
        this.initialBeta = b.initialBeta;
        this.learningRate = b.learningRate;
        this.steps = b.steps;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.evaluationInterval = b.evaluationInterval;
        this.patience = b.patience;
        this.routingWeight = b.routingWeight;
        this.selectBestCheckpoint = b.selectBestCheckpoint;
    }

    /**
     * Starts a builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the defaults.
     *
     * @return the default configuration
     */
    public static GatingConfig defaults() {
        return builder().build();
    }

    /**
     * Starts a builder from this configuration's values.
     *
     * @return a builder to change some of them
     */
    public Builder toBuilder() {
        return new Builder()
                .optHiddenSize(hiddenSize)
                .optHiddenLayers(hiddenLayers)
                .optDropout(dropout)
                .optTau(tau)
                .optInitialBeta(initialBeta)
                .optLearningRate(learningRate)
                .optSteps(steps)
                .optBatchSize(batchSize)
                .optSeed(seed)
                .optEvaluationInterval(evaluationInterval)
                .optPatience(patience)
                .optRoutingWeight(routingWeight)
                .optSelectBestCheckpoint(selectBestCheckpoint);
    }

    /**
     * Returns H, the width of each hidden layer.
     *
     * @return H
     */
    public int hiddenSize() {
        return hiddenSize;
    }

    /**
     * Returns the number of hidden layers.
     *
     * @return the number of hidden layers (3 in the reference)
     */
    public int hiddenLayers() {
        return hiddenLayers;
    }

    /**
     * Returns the dropout rate after each hidden layer.
     *
     * @return the rate
     */
    public float dropout() {
        return dropout;
    }

    /**
     * Returns the softmax temperature.
     *
     * @return tau
     */
    public float tau() {
        return tau;
    }

    /**
     * Returns the starting value of the learned scale beta.
     *
     * @return beta at step 0
     */
    public float initialBeta() {
        return initialBeta;
    }

    /**
     * Returns the peak learning rate of the cosine schedule.
     *
     * @return the learning rate
     */
    public float learningRate() {
        return learningRate;
    }

    /**
     * Returns the number of optimizer steps (the length of the cosine schedule).
     *
     * @return the steps
     */
    public int steps() {
        return steps;
    }

    /**
     * Returns the largest mini-batch, in pairs.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the seed of initialization, dropout and shuffling.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns how many steps pass between validation checks.
     *
     * @return the interval
     */
    public int evaluationInterval() {
        return evaluationInterval;
    }

    /**
     * Returns after how many validation checks without improvement training stops; 0 never stops
     * early.
     *
     * @return the patience in checks
     */
    public int patience() {
        return patience;
    }

    /**
     * Returns the weight of the routing loss, an extension beyond ArmoRM: for pairs that name their
     * objective, {@code routingWeight * CE(softmax(MLP(h_x) / tau), objective)} is added to the
     * Bradley-Terry loss, so the gate also learns which objective a prompt is about. 0 (the
     * default) trains the reference ArmoRM gate.
     *
     * @return the weight, at least 0
     */
    public float routingWeight() {
        return routingWeight;
    }

    /**
     * Tells whether training keeps the checkpoint with the lowest validation loss instead of the
     * last one.
     *
     * @return true to keep the best validation checkpoint
     */
    public boolean selectBestCheckpoint() {
        return selectBestCheckpoint;
    }

    /** Builds a {@link GatingConfig}; every setting is optional. */
    public static final class Builder {

        private int hiddenSize = 256;
        private int hiddenLayers = 3;
        private float dropout = 0.2f;
        private float tau = 10f;
        private float initialBeta = 1f;
        private float learningRate = 1e-3f;
        private int steps = 1000;
        private int batchSize = 1024;
        private long seed = 42;
        private int evaluationInterval = 25;
        private int patience;
        private float routingWeight = 1f;
        private boolean selectBestCheckpoint;

        private Builder() {}

        /**
         * Sets H (default 256; the reference 1024 is for a 4096-d backbone).
         *
         * @param hiddenSize at least 1
         * @return this builder
         */
        public Builder optHiddenSize(int hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        /**
         * Sets the number of hidden layers (default 3).
         *
         * @param hiddenLayers at least 0 (0 makes the gate linear)
         * @return this builder
         */
        public Builder optHiddenLayers(int hiddenLayers) {
            this.hiddenLayers = hiddenLayers;
            return this;
        }

        /**
         * Sets the dropout rate (default 0.2).
         *
         * @param dropout in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Sets tau (default 10).
         *
         * @param tau positive
         * @return this builder
         */
        public Builder optTau(float tau) {
            this.tau = tau;
            return this;
        }

        /**
         * Sets beta's starting value (default 1).
         *
         * @param initialBeta positive
         * @return this builder
         */
        public Builder optInitialBeta(float initialBeta) {
            this.initialBeta = initialBeta;
            return this;
        }

        /**
         * Sets the peak learning rate (default 1e-3).
         *
         * @param learningRate positive
         * @return this builder
         */
        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the number of steps (default 1000).
         *
         * @param steps at least 0 (0 leaves the gate at its initialization)
         * @return this builder
         */
        public Builder optSteps(int steps) {
            this.steps = steps;
            return this;
        }

        /**
         * Sets the largest mini-batch (default 1024 pairs; smaller data uses all of it).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the seed (default 42).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the steps between validation checks (default 25).
         *
         * @param evaluationInterval at least 1
         * @return this builder
         */
        public Builder optEvaluationInterval(int evaluationInterval) {
            this.evaluationInterval = evaluationInterval;
            return this;
        }

        /**
         * Sets the early-stopping patience in validation checks (default 0: never stop early).
         *
         * @param patience at least 0
         * @return this builder
         */
        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * Sets the weight of the routing loss (default 0: the reference ArmoRM gate); see {@link
         * GatingConfig#routingWeight()}. Helps when the per-objective heads are weak and pairs name
         * their objective.
         *
         * @param routingWeight at least 0
         * @return this builder
         */
        public Builder optRoutingWeight(float routingWeight) {
            this.routingWeight = routingWeight;
            return this;
        }

        /**
         * Keeps the checkpoint with the lowest validation loss instead of the last one (default
         * false: with a few hundred held-out pairs the validation loss is too noisy to choose
         * well). Needs a validation set; with {@link #optPatience} it is early stopping.
         *
         * @param selectBestCheckpoint true to keep the best checkpoint
         * @return this builder
         */
        public Builder optSelectBestCheckpoint(boolean selectBestCheckpoint) {
            this.selectBestCheckpoint = selectBestCheckpoint;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public GatingConfig build() {
            require(hiddenSize >= 1, "hiddenSize must be >= 1");
            require(hiddenLayers >= 0, "hiddenLayers must be >= 0");
            require(dropout >= 0 && dropout < 1, "dropout must lie in [0, 1)");
            require(tau > 0, "tau must be positive");
            require(initialBeta > 0, "initialBeta must be positive");
            require(learningRate > 0, "learningRate must be positive");
            require(steps >= 0, "steps must be >= 0");
            require(batchSize >= 1, "batchSize must be >= 1");
            require(evaluationInterval >= 1, "evaluationInterval must be >= 1");
            require(patience >= 0, "patience must be >= 0");
            require(routingWeight >= 0, "routingWeight must be >= 0");
            return new GatingConfig(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
