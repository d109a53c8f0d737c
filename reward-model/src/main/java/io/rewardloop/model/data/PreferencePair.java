package io.rewardloop.model.data;

import java.util.Objects;

/**
 * One pairwise preference: for {@code prompt}, {@code chosen} was preferred over {@code rejected}.
 *
 * @param prompt the prompt (for dialogues, the conversation up to the compared turn)
 * @param chosen the preferred response
 * @param rejected the other response
 * @param objective the objective the comparison is about, or null for "overall"
 * @param subset a reporting subset (e.g. a data source), or null
 */
public record PreferencePair(
        String prompt, String chosen, String rejected, String objective, String subset) {

    /** Validates that the texts are present. */
    public PreferencePair {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
    }

    /**
     * The same pair with its objective set.
     *
     * @param newObjective the objective
     * @return the new pair
     */
    public PreferencePair withObjective(String newObjective) {
        return new PreferencePair(prompt, chosen, rejected, newObjective, subset);
    }
}
