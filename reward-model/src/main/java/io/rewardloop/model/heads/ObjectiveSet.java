package io.rewardloop.model.heads;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The K named objectives of a reward model, in order, and which one (if any) is the verbosity or
 * length direction the others are debiased against. Objectives are data: a deployment chooses its
 * own set and the names travel with each model version.
 */
public final class ObjectiveSet {

    private final List<Objective> objectives;
    private final int debiasIndex;

    private ObjectiveSet(List<Objective> objectives) {
        this.objectives = List.copyOf(objectives);
        int found = -1;
        for (int i = 0; i < objectives.size(); i++) {
            if (objectives.get(i).kind().isDebiasTarget()) {
                found = i;
            }
        }
        this.debiasIndex = found;
    }

    /**
     * Creates a set of learned objectives with no debiasing.
     *
     * @param names the objective names, at least one, distinct
     * @return the set
     */
    public static ObjectiveSet of(String... names) {
        Builder builder = builder();
        for (String name : names) {
            builder.add(name);
        }
        return builder.build();
    }

    /**
     * Creates a set from objectives given in order (as read back from an artifact).
     *
     * @param objectives the objectives, at least one, distinct names, at most one debias target
     * @return the set
     */
    public static ObjectiveSet of(List<Objective> objectives) {
        Builder builder = builder();
        objectives.forEach(o -> builder.add(o.name(), o.kind()));
        return builder.build();
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
     * Returns the number of objectives K.
     *
     * @return K
     */
    public int size() {
        return objectives.size();
    }

    /**
     * Returns the objective at an index.
     *
     * @param index from 0 to K - 1
     * @return the objective
     */
    public Objective get(int index) {
        return objectives.get(index);
    }

    /**
     * Returns the objectives in order.
     *
     * @return an immutable list
     */
    public List<Objective> objectives() {
        return objectives;
    }

    /**
     * Returns the objective names in order.
     *
     * @return an immutable list of K names
     */
    public List<String> names() {
        return objectives.stream().map(Objective::name).toList();
    }

    /**
     * Finds an objective by name.
     *
     * @param name the name
     * @return its index, or -1 when absent
     */
    public int indexOf(String name) {
        for (int i = 0; i < objectives.size(); i++) {
            if (objectives.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns the index of the verbosity or length objective.
     *
     * @return its index, or -1 when the set has none (no debiasing)
     */
    public int debiasIndex() {
        return debiasIndex;
    }

    /**
     * Tells whether scoring needs response lengths (the set has a {@link ObjectiveKind#LENGTH}
     * objective).
     *
     * @return true when lengths are required
     */
    public boolean needsLength() {
        return debiasIndex >= 0 && objectives.get(debiasIndex).kind() == ObjectiveKind.LENGTH;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectiveSet that && objectives.equals(that.objectives);
    }

    @Override
    public int hashCode() {
        return objectives.hashCode();
    }

    @Override
    public String toString() {
        return objectives.toString();
    }

    /** Builds an {@link ObjectiveSet}; objectives keep the order they are added in. */
    public static final class Builder {

        private final List<Objective> objectives = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a learned objective.
         *
         * @param name its name
         * @return this builder
         */
        public Builder add(String name) {
            return add(name, ObjectiveKind.LEARNED);
        }

        /**
         * Adds an objective of any kind.
         *
         * @param name its name
         * @param kind its kind
         * @return this builder
         */
        public Builder add(String name, ObjectiveKind kind) {
            objectives.add(new Objective(name, kind));
            return this;
        }

        /**
         * Adds the learned verbosity objective the others are debiased against.
         *
         * @param name its name, e.g. {@code helpsteer-verbosity}
         * @return this builder
         */
        public Builder addVerbosity(String name) {
            return add(name, ObjectiveKind.VERBOSITY);
        }

        /**
         * Adds the label-free length objective, the stand-in for verbosity when none is rated.
         *
         * @param name its name, e.g. {@code length}
         * @return this builder
         */
        public Builder addLength(String name) {
            return add(name, ObjectiveKind.LENGTH);
        }

        /**
         * Validates and builds the set.
         *
         * @return the set
         * @throws IllegalArgumentException when empty, names repeat, more than one debias target is
         *     given, or no learned objective remains
         */
        public ObjectiveSet build() {
            Set<String> names = new HashSet<>();
            int targets = 0;
            for (Objective objective : objectives) {
                if (!names.add(objective.name())) {
                    throw new IllegalArgumentException(
                            "objective name repeats: " + objective.name());
                }
                targets += objective.kind().isDebiasTarget() ? 1 : 0;
            }
            if (targets > 1) {
                throw new IllegalArgumentException(
                        "at most one verbosity or length objective, got " + targets);
            }
            if (objectives.size() - targets < 1) {
                throw new IllegalArgumentException("an objective set needs a learned objective");
            }
            return new ObjectiveSet(objectives);
        }
    }
}
