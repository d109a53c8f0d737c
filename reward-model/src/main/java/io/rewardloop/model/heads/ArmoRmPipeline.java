package io.rewardloop.model.heads;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of {@link ArmoRmTrainer}: split, stage 1, debiasing, stage 2, metrics. */
final class ArmoRmPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ArmoRmPipeline.class);

    private final ArmoRmTrainer.Builder settings;
    private final double validationFraction;
    private final TrainingProgressListener listener;
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    ArmoRmPipeline(
            ArmoRmTrainer.Builder settings,
            double validationFraction,
            TrainingProgressListener listener) {
        this.settings = settings;
        this.validationFraction = validationFraction;
        this.listener = listener;
    }

    TrainingResult run() {
        PairSet[] split = splitPairs();
        PairSet train = split[0] == null ? null : settings.relabelling.relabel(split[0], metrics);
        PairSet validation = split[1];
        ObjectiveSet objectives = settings.objectives;
        long start = System.nanoTime();
        StageOne stageOne = new StageOne(objectives, settings.ridge(), settings.bradleyTerry());
        float[][] w = stageOne.fit(settings.ratings, train, settings.dimension(), metrics);
        ReferenceSet reference =
                settings.referenceResponses != null
                        ? new ReferenceSet(settings.referenceResponses, settings.referenceLengths)
                        : ReferenceSet.of(settings.ratings, train, objectives.needsLength());
        ObjectiveHeads heads = reference.freeze(objectives, w, settings.debiasing, metrics);
        // Timings are logged, not kept in the metrics: equal seeds must give equal artifacts.
        LOG.info("stage 1 and debiasing took {} s", (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        GatingData gatingData = null;
        if (train != null) {
            gatingData =
                    settings.crossFitFolds >= 2 && stageOne.usedPairs()
                            ? CrossFit.margins(
                                    stageOne, heads, train, settings.crossFitFolds, settings.seed)
                            : GatingData.of(heads, train);
        }
        GatingWeights gating = gating(heads, gatingData, validation);
        LOG.info("stage 2 took {} s", (System.nanoTime() - start) / 1e9);
        RewardModel model = new RewardModel(heads, gating);
        recordAccuracy(model, train, validation);
        return new TrainingResult(model, new TrainingMetrics(metrics));
    }

    private GatingWeights gating(ObjectiveHeads heads, GatingData train, PairSet validation) {
        GatingTrainer trainer = new GatingTrainer(settings.gating());
        if (train == null) {
            int d = settings.dimension();
            return trainer.initial(d, heads.objectives().size());
        }
        GatingData val = validation == null ? null : GatingData.of(heads, validation);
        if (settings.metaRm != null) {
            return withMetaRm(trainer, heads, train, val);
        }
        GatingResult result = trainer.train(train, val, listener);
        record(result);
        return result.weights();
    }

    /** Stage 2 with MetaRM on part of the policy groups; J measured on the rest. */
    private GatingWeights withMetaRm(
            GatingTrainer trainer, ObjectiveHeads heads, GatingData train, GatingData val) {
        PolicySamples samples = settings.policySamples;
        int[][] split =
                Splits.holdout(samples.size(), settings.metaRm.heldOutFraction(), settings.seed);
        PolicySamples used = split[0].length == 0 ? samples : samples.subset(split[0]);
        PolicySamples measured = split[1].length == 0 ? used : samples.subset(split[1]);
        GatingWeights initial = trainer.initial(train.dimension(), heads.objectives().size());
        GatingResult result =
                trainer.train(train, val, listener, settings.metaRm, PolicyGroups.of(heads, used));
        record(result);
        metrics.put("metaRm.groups", (double) used.size());
        metrics.put("metaRm.eta", (double) settings.metaRm.eta());
        metrics.put("metaRm.j.before", measured.differenceLoss(new RewardModel(heads, initial)));
        metrics.put(
                "metaRm.j.after",
                measured.differenceLoss(new RewardModel(heads, result.weights())));
        return result.weights();
    }

    private void record(GatingResult result) {
        metrics.put("gating.steps", (double) result.stepsRun());
        metrics.put("gating.best_step", (double) result.bestStep());
        metrics.put(TrainingMetrics.GATING_TRAIN_LOSS, result.trainLoss());
        metrics.put(TrainingMetrics.GATING_VALIDATION_LOSS, result.validationLoss());
        metrics.put("gating.beta", (double) result.weights().beta());
        metrics.put("gating.routing_weight", (double) settings.gating().routingWeight());
    }

    private void recordAccuracy(RewardModel model, PairSet train, PairSet validation) {
        if (train != null) {
            metrics.put(TrainingMetrics.TRAIN_ACCURACY, model.accuracy(train));
            metrics.put("pairs.train", (double) train.size());
        }
        if (validation != null) {
            metrics.put(TrainingMetrics.VALIDATION_ACCURACY, model.accuracy(validation));
            metrics.put("pairs.validation", (double) validation.size());
        }
        LOG.info(
                "ArmoRM trained: train accuracy {}, validation accuracy {}",
                metrics.get(TrainingMetrics.TRAIN_ACCURACY),
                metrics.get(TrainingMetrics.VALIDATION_ACCURACY));
    }

    /** {training pairs, held-out pairs}; either may be null. */
    private PairSet[] splitPairs() {
        PairSet pairs = settings.pairs;
        if (pairs == null) {
            return new PairSet[2];
        }
        int[][] split = Splits.holdout(pairs.size(), validationFraction, settings.seed);
        if (split[1].length == 0 || split[0].length == 0) {
            return new PairSet[] {pairs, null};
        }
        return new PairSet[] {pairs.subset(split[0]), pairs.subset(split[1])};
    }
}
