package io.rewardloop.model.heads;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Named numbers describing a training run, sorted by name so they serialize the same way every
 * time: the chosen alpha or L2 and validation loss per objective ({@code stage1.<objective>.*}),
 * the debiasing lambdas ({@code debias.<objective>.lambda}), the gating run ({@code gating.*}) and
 * the pairwise accuracies ({@code accuracy.train}, {@code accuracy.validation}).
 */
public final class TrainingMetrics {

    /** Pairwise accuracy of the final model on its training pairs. */
    public static final String TRAIN_ACCURACY = "accuracy.train";

    /** Pairwise accuracy of the final model on the held-out pairs. */
    public static final String VALIDATION_ACCURACY = "accuracy.validation";

    /** Mean Bradley-Terry loss of the gating over its last evaluation interval. */
    public static final String GATING_TRAIN_LOSS = "gating.train_loss";

    /** Bradley-Terry loss of the kept gating checkpoint on the held-out pairs. */
    public static final String GATING_VALIDATION_LOSS = "gating.validation_loss";

    private final SortedMap<String, Double> values;

    /**
     * Creates metrics from name-value pairs.
     *
     * @param values the metrics; copied and sorted by name
     */
    public TrainingMetrics(Map<String, Double> values) {
        this.values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /**
     * Returns no metrics.
     *
     * @return an empty set of metrics
     */
    public static TrainingMetrics empty() {
        return new TrainingMetrics(Map.of());
    }

    /**
     * Returns one metric.
     *
     * @param name the metric's name
     * @return its value, or NaN when absent
     */
    public double get(String name) {
        return values.getOrDefault(name, Double.NaN);
    }

    /**
     * Returns all metrics, sorted by name.
     *
     * @return an unmodifiable sorted map
     */
    public SortedMap<String, Double> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainingMetrics that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
