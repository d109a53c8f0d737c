package io.rewardloop.status;

import io.rewardloop.events.ObjectiveReward;
import io.rewardloop.events.RewardScored;
import io.rewardloop.status.StatusSnapshot.Band;
import io.rewardloop.status.StatusSnapshot.ObjectivePoint;
import io.rewardloop.status.StatusSnapshot.RewardPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rewards of one time bucket, bounded: a sample of {@value #SAMPLE} scores and of as many
 * debiased rewards per objective (at most {@value #MAX_OBJECTIVES} objectives), gating-weight sums,
 * and counts per model version (at most {@value #MAX_VERSIONS}, the rest under {@code other}).
 */
final class RewardBucket {

    /** Values sampled per series and bucket: enough for stable 10th and 90th percentiles. */
    static final int SAMPLE = 200;

    /** Objectives tracked per bucket; further ones are ignored. */
    static final int MAX_OBJECTIVES = 32;

    /** Model versions counted per bucket; further ones count as {@code other}. */
    static final int MAX_VERSIONS = 8;

    private static final double[] QUANTILES = {0.1, 0.5, 0.9};

    private final long start;
    private final long seed;
    private final Reservoir score;
    private final Map<String, Reservoir> rewards = new LinkedHashMap<>();
    private final Map<String, double[]> gating = new LinkedHashMap<>();
    private final Map<String, Long> versions = new TreeMap<>();

    RewardBucket(long start, long seed) {
        this.start = start;
        this.seed = seed ^ start;
        this.score = new Reservoir(SAMPLE, this.seed);
    }

    void add(RewardScored reward) {
        score.add(reward.getScore());
        String version = reward.getModelVersion();
        if (!versions.containsKey(version) && versions.size() >= MAX_VERSIONS) {
            version = "other";
        }
        versions.merge(version, 1L, Long::sum);
        for (ObjectiveReward objective : reward.getObjectives()) {
            String name = objective.getObjective();
            if (!rewards.containsKey(name) && rewards.size() >= MAX_OBJECTIVES) {
                continue;
            }
            rewards.computeIfAbsent(name, n -> new Reservoir(SAMPLE, seed ^ n.hashCode()))
                    .add(objective.getDebiasedReward());
            double[] sumAndCount = gating.computeIfAbsent(name, n -> new double[2]);
            if (Double.isFinite(objective.getGatingWeight())) {
                sumAndCount[0] += objective.getGatingWeight();
                sumAndCount[1]++;
            }
        }
    }

    Iterable<String> objectives() {
        return rewards.keySet();
    }

    RewardPoint point() {
        Map<String, ObjectivePoint> objectives = new LinkedHashMap<>();
        rewards.forEach(
                (name, sample) -> {
                    double[] g = gating.get(name);
                    objectives.put(
                            name,
                            new ObjectivePoint(
                                    band(sample), g[1] == 0 ? null : finite(g[0] / g[1])));
                });
        return new RewardPoint(
                start, score.count(), new TreeMap<>(versions), band(score), objectives);
    }

    static Band band(Reservoir sample) {
        double[] q = sample.quantiles(QUANTILES);
        return new Band(finite(q[0]), finite(q[1]), finite(q[2]), finite(sample.mean()));
    }

    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
