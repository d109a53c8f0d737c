package io.rewardloop.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.rewardloop.model.backbone.NoGrad;
import java.util.ArrayList;
import java.util.List;

/**
 * MetaRM's meta step on the gate, first order: {@link #ascend} computes {@code grad J} on a batch
 * of policy groups and moves the parameters to {@code theta' = theta + eta grad J} in place
 * (outside a gradient collector, so PyTorch's grad mode is off and leaf tensors may change),
 * clearing the gradients; the caller then takes the Bradley-Terry gradient at {@code theta'};
 * {@link #restore} puts {@code theta} back, bit for bit, so that {@code trainer.step()} applies
 * that gradient to {@code theta}.
 */
final class MetaRmStep {

    private final MetaRmConfig config;
    private final PolicyGroups groups;
    private final BatchSampler sampler;
    private double lastDifferenceLoss = Double.NaN;

    MetaRmStep(MetaRmConfig config, PolicyGroups groups, long seed) {
        this.config = config;
        this.groups = groups;
        // Its own stream, so that the labelled batches are the same with and without MetaRM.
        this.sampler = new BatchSampler(groups.size(), config.groupBatch(), seed ^ 0x6d657461L);
    }

    boolean actsAt(int step) {
        return step % config.interval() == 0;
    }

    /** J of the last meta batch at theta, before the ascent. */
    double lastDifferenceLoss() {
        return lastDifferenceLoss;
    }

    /**
     * Moves the block's parameters to theta'.
     *
     * @return theta, attached to {@code batch}, for {@link #restore}
     */
    List<NDArray> ascend(Trainer trainer, Block block, NDManager batch) {
        int[] rows = sampler.next();
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray j =
                    groups.differenceLoss(batch, rows, x -> trainer.forward(new NDList(x)).get(0));
            collector.backward(j);
            lastDifferenceLoss = j.getFloat();
        }
        List<NDArray> theta = new ArrayList<>();
        // In place on the parameters: with autograd off, whichever thread this runs on.
        NoGrad.run(
                () -> {
                    for (Parameter parameter : block.getParameters().values()) {
                        NDArray value = parameter.getArray();
                        NDArray saved = value.duplicate();
                        saved.attach(batch);
                        theta.add(saved);
                        NDArray gradient = value.getGradient();
                        gradient.attach(batch);
                        try (NDArray ascent = gradient.mul(config.eta())) {
                            value.addi(ascent);
                        }
                        gradient.subi(gradient);
                    }
                });
        return theta;
    }

    static void restore(Block block, List<NDArray> theta) {
        NoGrad.run(
                () -> {
                    int i = 0;
                    for (Parameter parameter : block.getParameters().values()) {
                        theta.get(i++).copyTo(parameter.getArray());
                    }
                });
    }
}
