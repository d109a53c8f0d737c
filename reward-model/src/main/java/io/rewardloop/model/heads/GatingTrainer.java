package io.rewardloop.model.heads;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2: trains the gating network with DJL autograd on the engine's default device, with the
 * debiased rewards frozen. Loss {@code -log sigmoid(g . (r'_c - r'_r))}, AdamW without weight decay
 * on a cosine schedule, seeded mini-batches. Deterministic for a given seed: the engine's random
 * seed fixes initialization and dropout, a seeded shuffle fixes the batches. The engine seed is
 * global, so two trainings in one JVM must not run at the same time.
 */
public final class GatingTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(GatingTrainer.class);

    private final GatingConfig config;

    /**
     * Creates the trainer.
     *
     * @param config the settings
     */
    public GatingTrainer(GatingConfig config) {
        this.config = config;
    }

    /**
     * Trains a gating network.
     *
     * @param train the training pairs: prompt features and frozen debiased reward differences
     * @param validation the pairs that choose the checkpoint, or null to keep the last one
     * @param listener receives (step, loss) after every step
     * @return the trained network and its losses
     */
    public GatingResult train(
            GatingData train, GatingData validation, TrainingProgressListener listener) {
        return train(train, validation, listener, null, null);
    }

    /**
     * Trains a gating network, with MetaRM when policy groups are given.
     *
     * @param train the training pairs
     * @param validation the pairs that choose the checkpoint, or null
     * @param listener receives (step, loss) after every step
     * @param metaRm the MetaRM settings, or null
     * @param policy the policy samples under the frozen heads, or null for plain training
     * @return the trained network and its losses
     */
    GatingResult train(
            GatingData train,
            GatingData validation,
            TrainingProgressListener listener,
            MetaRmConfig metaRm,
            PolicyGroups policy) {
        int seed = (int) (config.seed() ^ (config.seed() >>> 32));
        Engine.getInstance().setRandomSeed(seed);
        GatingBlock block = new GatingBlock(config, train.objectives());
        MetaRmStep meta = policy == null ? null : new MetaRmStep(metaRm, policy, config.seed());
        try (Model model = Model.newInstance("armorm-gating")) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(trainingConfig(train.targets() != null))) {
                trainer.initialize(new Shape(1, train.dimension()));
                return new Loop(trainer, block, train, validation, listener, meta).run();
            }
        }
    }

    /**
     * Returns an untrained gating network, seeded like a training run's starting point (for a model
     * trained on ratings only, which has no pairs for stage 2).
     *
     * @param dimension the prompt feature dimension d
     * @param objectives K
     * @return the initialized network
     */
    public GatingWeights initial(int dimension, int objectives) {
        Engine.getInstance().setRandomSeed((int) (config.seed() ^ (config.seed() >>> 32)));
        GatingBlock block = new GatingBlock(config, objectives);
        try (Model model = Model.newInstance("armorm-gating")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, dimension));
            return block.snapshot(dimension);
        }
    }

    private DefaultTrainingConfig trainingConfig(boolean pairTargets) {
        Tracker schedule =
                Tracker.cosine()
                        .setBaseValue(config.learningRate())
                        .optFinalValue(0f)
                        .setMaxUpdates(Math.max(config.steps(), 1))
                        .build();
        Optimizer adamW =
                Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(0f).build();
        return new DefaultTrainingConfig(new BradleyTerryLoss(config.routingWeight(), pairTargets))
                .optOptimizer(adamW)
                .optDevices(new ai.djl.Device[] {Engine.getInstance().defaultDevice()});
    }

    /** One training run's mutable state. */
    private final class Loop {

        private final Trainer trainer;
        private final GatingBlock block;
        private final GatingData train;
        private final GatingData validation;
        private final TrainingProgressListener listener;
        private final MetaRmStep meta;
        private GatingWeights best;
        private double bestLoss;
        private int bestStep;

        Loop(
                Trainer trainer,
                GatingBlock block,
                GatingData train,
                GatingData validation,
                TrainingProgressListener listener,
                MetaRmStep meta) {
            this.trainer = trainer;
            this.block = block;
            this.train = train;
            this.validation = validation;
            this.listener = listener;
            this.meta = meta;
        }

        GatingResult run() {
            BatchSampler sampler =
                    new BatchSampler(train.size(), config.batchSize(), config.seed());
            best = block.snapshot(train.dimension());
            bestLoss = validation == null ? Double.NaN : loss(validation);
            double window = 0;
            double trainLoss = Double.NaN;
            int inWindow = 0;
            int stale = 0;
            int step = 0;
            while (step < config.steps()) {
                step++;
                double loss = step(sampler.next(), step);
                listener.onStep(step, loss);
                window += loss;
                inWindow++;
                if (step % config.evaluationInterval() == 0 || step == config.steps()) {
                    trainLoss = window / inWindow;
                    window = 0;
                    inWindow = 0;
                    stale = checkpoint(step) ? 0 : stale + 1;
                    LOG.debug(
                            "gating step {} train loss {} best val {}", step, trainLoss, bestLoss);
                    if (config.patience() > 0 && stale >= config.patience()) {
                        LOG.info("gating stopped early at step {} (best {})", step, bestStep);
                        break;
                    }
                }
            }
            if (validation == null || !config.selectBestCheckpoint()) {
                best = block.snapshot(train.dimension());
                bestStep = step;
                bestLoss = validation == null ? Double.NaN : loss(validation);
            }
            return new GatingResult(best, step, bestStep, trainLoss, bestLoss);
        }

        private double step(int[] rows, int step) {
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDList prompts = new NDList(train.prompts(batch, rows));
                NDList labels = new NDList(train.margins(batch, rows));
                if (config.routingWeight() > 0) {
                    labels.add(train.routingTargets(batch, rows));
                }
                if (train.targets() != null) {
                    labels.add(train.pairTargets(batch, rows));
                }
                List<NDArray> theta =
                        meta != null && meta.actsAt(step)
                                ? meta.ascend(trainer, block, batch)
                                : null;
                double value;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList gating = trainer.forward(prompts);
                    NDArray loss = trainer.getLoss().evaluate(labels, gating);
                    collector.backward(loss);
                    value = loss.getFloat();
                }
                if (theta != null) {
                    MetaRmStep.restore(block, theta);
                }
                trainer.step();
                return value;
            }
        }

        /** Notes (and, when selecting, keeps) the current weights if they improve validation. */
        private boolean checkpoint(int step) {
            if (validation == null || !(config.selectBestCheckpoint() || config.patience() > 0)) {
                return true;
            }
            double loss = loss(validation);
            if (loss < bestLoss) {
                bestLoss = loss;
                bestStep = step;
                if (config.selectBestCheckpoint()) {
                    best = block.snapshot(train.dimension());
                }
                return true;
            }
            return false;
        }

        private double loss(GatingData data) {
            int[] all = java.util.stream.IntStream.range(0, data.size()).toArray();
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDList gating = trainer.evaluate(new NDList(data.prompts(batch, all)));
                NDList margins = new NDList(data.margins(batch, all));
                BradleyTerryLoss loss = (BradleyTerryLoss) trainer.getLoss();
                return loss.bradleyTerry(margins, gating).getFloat();
            }
        }
    }
}
