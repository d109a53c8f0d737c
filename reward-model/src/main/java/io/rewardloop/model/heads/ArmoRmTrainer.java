package io.rewardloop.model.heads;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains an ArmoRM-style reward model from backbone features and labels: stage 1 (ridge on ratings,
 * Bradley-Terry on pairs that name an objective), verbosity debiasing on a reference set, then
 * stage 2 (the gating network on all training pairs, the kept checkpoint chosen on a seeded
 * held-out share of the pairs, which stage 1 never sees either).
 *
 * <pre>{@code
 * TrainingResult result = ArmoRmTrainer.builder()
 *         .setObjectives(ObjectiveSet.of("helpfulness", "harmlessness"))
 *         .optPairs(pairs)
 *         .optSeed(7)
 *         .build()
 *         .train();
 * }</pre>
 */
public final class ArmoRmTrainer {

    /** Metric set to 1 when the returned model was refit on all pairs after validation. */
    public static final String REFIT_ON_ALL = "validation.refit_on_all";

    /** The metrics a refit keeps from the held-out run. */
    private static final List<String> HELD_OUT_METRICS =
            List.of(
                    TrainingMetrics.VALIDATION_ACCURACY,
                    TrainingMetrics.GATING_VALIDATION_LOSS,
                    "pairs.validation");

    private final Builder settings;

    private ArmoRmTrainer(Builder settings) {
        this.settings = settings;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs stage 1, debiasing and stage 2. With a validation fraction and {@link
     * Builder#optRefitOnAll} (the default), training runs twice, as ArmoRM's stage 1 does: once
     * with pairs held out, to measure validation accuracy, then on all pairs for the model that is
     * returned, which carries the first run's validation metrics.
     *
     * @return the model and its training metrics
     */
    public TrainingResult train() {
        boolean refit =
                settings.refitOnAll && settings.validationFraction > 0 && settings.pairs != null;
        // Progress is reported for the model that is returned; a measuring run stays silent.
        TrainingResult measured =
                new ArmoRmPipeline(
                                settings,
                                settings.validationFraction,
                                refit ? TrainingProgressListener.NONE : settings.listener)
                        .run();
        if (!refit) {
            return measured;
        }
        TrainingResult full = new ArmoRmPipeline(settings, 0, settings.listener).run();
        Map<String, Double> metrics = new HashMap<>(full.metrics().asMap());
        for (String heldOut : HELD_OUT_METRICS) {
            Double value = measured.metrics().asMap().get(heldOut);
            if (value != null) {
                metrics.put(heldOut, value);
            }
        }
        metrics.put(REFIT_ON_ALL, 1.0);
        return new TrainingResult(full.model(), new TrainingMetrics(metrics));
    }

    /**
     * Builds an {@link ArmoRmTrainer}: the objectives are required, plus ratings or pairs or both.
     * One seed ({@link #optSeed}) drives every split, the initialization, dropout and shuffling.
     */
    public static final class Builder {

        ObjectiveSet objectives;
        RatingSet ratings;
        PairSet pairs;
        float[][] referenceResponses;
        int[] referenceLengths;
        long seed = 42;
        double validationFraction = 0.1;
        boolean refitOnAll = true;
        GatingConfig gatingConfig = GatingConfig.defaults();
        Integer gatingSteps;
        double[] alphaGrid = RidgeRegression.DEFAULT_ALPHAS;
        double[] l2Grid = BradleyTerryHead.DEFAULT_L2;
        int l2Folds = 1;
        int crossFitFolds;
        VerbosityDebiasing debiasing = VerbosityDebiasing.reference();
        TrainingProgressListener listener = TrainingProgressListener.NONE;
        PairRelabelling relabelling = PairRelabelling.NONE;
        MetaRmConfig metaRm;
        PolicySamples policySamples;

        private Builder() {}

        /**
         * Sets the objectives; their order is the order of W's rows and of every output.
         *
         * @param objectives the objective set
         * @return this builder
         */
        public Builder setObjectives(ObjectiveSet objectives) {
            this.objectives = objectives;
            return this;
        }

        /**
         * Sets absolute ratings (columns in the objective set's order) for stage 1 ridge heads.
         *
         * @param ratings the ratings
         * @return this builder
         */
        public Builder optRatings(RatingSet ratings) {
            this.ratings = ratings;
            return this;
        }

        /**
         * Sets preference pairs: stage 1 Bradley-Terry heads for objectives without ratings (from
         * the pairs that name them) and stage 2 gating (all pairs).
         *
         * @param pairs the pairs
         * @return this builder
         */
        public Builder optPairs(PairSet pairs) {
            this.pairs = pairs;
            return this;
        }

        /**
         * Sets the reference responses for debiasing (default: every rated response and both
         * responses of every training pair).
         *
         * @param responses their features
         * @param lengths their lengths (required with a length objective), or null
         * @return this builder
         */
        public Builder optReferenceSet(float[][] responses, int[] lengths) {
            this.referenceResponses = responses;
            this.referenceLengths = lengths;
            return this;
        }

        /**
         * Sets the one seed of every split, the gating initialization, dropout and shuffling
         * (default 42); it replaces the gating configuration's seed.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the share of pairs held out from both stages to choose the gating checkpoint and
         * report validation accuracy (default 0.1; 0 trains on all pairs and keeps the last step).
         *
         * @param validationFraction in [0, 1)
         * @return this builder
         */
        public Builder optValidationFraction(double validationFraction) {
            this.validationFraction = validationFraction;
            return this;
        }

        /**
         * Sets whether, after measuring on held-out pairs, the model is trained again on all pairs
         * (default true; the validation metrics then describe the held-out run).
         *
         * @param refitOnAll false to return the model trained without the held-out pairs
         * @return this builder
         */
        public Builder optRefitOnAll(boolean refitOnAll) {
            this.refitOnAll = refitOnAll;
            return this;
        }

        /**
         * Sets the stage-2 settings (width, depth, dropout, tau, beta, learning rate, steps, batch
         * size, evaluation interval, patience).
         *
         * @param gatingConfig the settings
         * @return this builder
         */
        public Builder optGating(GatingConfig gatingConfig) {
            this.gatingConfig = gatingConfig;
            return this;
        }

        /**
         * Sets the number of stage-2 steps, overriding the gating configuration's.
         *
         * @param steps at least 0
         * @return this builder
         */
        public Builder optGatingSteps(int steps) {
            this.gatingSteps = steps;
            return this;
        }

        /**
         * Sets the ridge alpha grid (default 1e-4 ... 1e4, powers of ten).
         *
         * @param alphas positive penalties
         * @return this builder
         */
        public Builder optAlphaGrid(double... alphas) {
            this.alphaGrid = alphas.clone();
            return this;
        }

        /**
         * Sets the decade grid of Bradley-Terry L2 strengths and the number of validation folds (1:
         * one 80/20 holdout).
         *
         * @param grid positive strengths, ascending
         * @param folds at least 1
         * @return this builder
         */
        public Builder optL2Grid(double[] grid, int folds) {
            this.l2Grid = grid.clone();
            this.l2Folds = folds;
            return this;
        }

        /**
         * Sets cross-fitting of the stage-2 inputs (default 0: off, as in ArmoRM, where stage 1 and
         * stage 2 see different data). With k >= 2 folds, each training pair's reward differences
         * come from pair-trained heads refit without its fold, so the gate is not trained on
         * in-sample rewards; costs k extra head fits.
         *
         * @param folds 0 or 1 for off, else the number of folds
         * @return this builder
         */
        public Builder optCrossFitFolds(int folds) {
            this.crossFitFolds = folds;
            return this;
        }

        /**
         * Sets the debiasing grid and threshold (default: the ArmoRM reference).
         *
         * @param debiasing the lambda chooser
         * @return this builder
         */
        public Builder optDebiasing(VerbosityDebiasing debiasing) {
            this.debiasing = debiasing;
            return this;
        }

        /**
         * Sets how the training pairs are relabelled before stage 1 (default {@link
         * PairRelabelling#NONE}); held-out pairs are never relabelled.
         *
         * @param relabelling the relabelling, e.g. noisy-label handling from preference strength
         * @return this builder
         */
        public Builder optPairRelabelling(PairRelabelling relabelling) {
            this.relabelling = relabelling;
            return this;
        }

        /**
         * Turns MetaRM on in stage 2 (default off): the gate also learns to separate the policy's
         * own responses (see {@link MetaRmConfig}). Adds the metrics {@code metaRm.j.before} (the
         * initial gate) and {@code metaRm.j.after} (the trained gate), J on the held-out groups.
         *
         * @param config the MetaRM settings
         * @param samples the unlabelled policy samples, grouped by prompt
         * @return this builder
         */
        public Builder optMetaRm(MetaRmConfig config, PolicySamples samples) {
            this.metaRm = Objects.requireNonNull(config, "config");
            this.policySamples = Objects.requireNonNull(samples, "samples");
            return this;
        }

        /**
         * Sets the listener that receives (step, loss) during stage 2.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder optProgressListener(TrainingProgressListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Validates the settings and data and builds the trainer.
         *
         * @return the trainer
         * @throws IllegalArgumentException naming what is missing or inconsistent
         */
        public ArmoRmTrainer build() {
            Objects.requireNonNull(objectives, "objectives");
            Objects.requireNonNull(debiasing, "debiasing");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(relabelling, "relabelling");
            if (ratings == null && pairs == null) {
                throw new IllegalArgumentException("give ratings, pairs or both");
            }
            if (crossFitFolds < 0) {
                throw new IllegalArgumentException("crossFitFolds must be >= 0");
            }
            if (!(validationFraction >= 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validationFraction must lie in [0, 1)");
            }
            new TrainingDataCheck(this).check();
            if (policySamples != null && policySamples.prompt(0).length != dimension()) {
                throw new IllegalArgumentException(
                        "policy samples have dimension "
                                + policySamples.prompt(0).length
                                + ", the pairs "
                                + dimension());
            }
            ridge();
            bradleyTerry();
            gating();
            return new ArmoRmTrainer(this);
        }

        RidgeRegression ridge() {
            return RidgeRegression.builder().optAlphas(alphaGrid).optSeed(seed).build();
        }

        BradleyTerryHead bradleyTerry() {
            return BradleyTerryHead.builder()
                    .optL2Grid(l2Grid)
                    .optFolds(l2Folds)
                    .optSeed(seed)
                    .build();
        }

        GatingConfig gating() {
            GatingConfig.Builder b = gatingConfig.toBuilder().optSeed(seed);
            if (gatingSteps != null) {
                b.optSteps(gatingSteps);
            }
            return b.build();
        }

        int dimension() {
            return ratings != null ? ratings.features()[0].length : pairs.chosen()[0].length;
        }
    }
}
