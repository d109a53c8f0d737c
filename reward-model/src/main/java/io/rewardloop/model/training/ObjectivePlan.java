package io.rewardloop.model.training;

import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.data.RatedExample;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.PairSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the objectives a model gets from what its data names:
 *
 * <ul>
 *   <li>every objective a pair or a rating names, in order of first appearance;
 *   <li>when nothing names one, a single objective {@value #DEFAULT_OBJECTIVE} for all pairs;
 *   <li>a rated objective called {@value #VERBOSITY} is the debiasing direction; without it, the
 *       label-free length objective {@value #LENGTH} stands in (unless turned off);
 *   <li>pairs that name no objective while others do train only the gating network.
 * </ul>
 *
 * @param objectives the objective set
 * @param defaultObjectiveForUnnamedPairs true when unnamed pairs belong to {@value
 *     #DEFAULT_OBJECTIVE}
 */
public record ObjectivePlan(ObjectiveSet objectives, boolean defaultObjectiveForUnnamedPairs) {

    /** The objective of pairs when no data names one. */
    public static final String DEFAULT_OBJECTIVE = "preference";

    /** The rated objective that serves as the verbosity direction. */
    public static final String VERBOSITY = "verbosity";

    /** The label-free length objective's name. */
    public static final String LENGTH = "length";

    /**
     * Plans the objectives.
     *
     * @param head which head is trained
     * @param pairs the pairs
     * @param ratings the ratings
     * @param lengthObjective whether to add the length objective when no verbosity is rated
     * @return the plan
     */
    public static ObjectivePlan of(
            HeadKind head,
            List<PreferencePair> pairs,
            List<RatedExample> ratings,
            boolean lengthObjective) {
        if (head == HeadKind.LINEAR) {
            if (!ratings.isEmpty()) {
                throw new IllegalArgumentException(
                        "the linear baseline trains on pairs only; drop --ratings");
            }
            return new ObjectivePlan(ObjectiveSet.of(DEFAULT_OBJECTIVE), true);
        }
        Set<String> named = new LinkedHashSet<>();
        pairs.stream().map(PreferencePair::objective).filter(o -> o != null).forEach(named::add);
        ratings.forEach(r -> named.addAll(r.ratings().keySet()));
        boolean useDefault = named.isEmpty();
        if (useDefault) {
            named.add(DEFAULT_OBJECTIVE);
        }
        ObjectiveSet.Builder builder = ObjectiveSet.builder();
        for (String name : named) {
            if (name.equals(VERBOSITY)) {
                builder.addVerbosity(name);
            } else {
                builder.add(name);
            }
        }
        if (lengthObjective && !named.contains(VERBOSITY) && !named.contains(LENGTH)) {
            builder.addLength(LENGTH);
        }
        return new ObjectivePlan(builder.build(), useDefault);
    }

    /**
     * The objective index of each pair.
     *
     * @param pairs the pairs
     * @return indices into the objective set; a pair whose objective the set lacks goes to {@value
     *     #DEFAULT_OBJECTIVE} when that is the plan, else {@link PairSet#NO_OBJECTIVE}
     */
    public int[] objectiveIndices(List<PreferencePair> pairs) {
        int[] indices = new int[pairs.size()];
        for (int i = 0; i < indices.length; i++) {
            String name = pairs.get(i).objective();
            int index = name == null ? -1 : objectives.indexOf(name);
            if (index < 0) {
                index =
                        defaultObjectiveForUnnamedPairs
                                ? objectives.indexOf(DEFAULT_OBJECTIVE)
                                : PairSet.NO_OBJECTIVE;
            }
            indices[i] = index;
        }
        return indices;
    }
}
