package io.rewardloop.model.heads;

import java.util.Objects;

/**
 * One named objective of a reward model.
 *
 * @param name the objective's name, as it travels with each model version
 * @param kind what the objective is
 */
public record Objective(String name, ObjectiveKind kind) {

    /**
     * Validates the objective.
     *
     * @param name the objective's name, not blank
     * @param kind what the objective is
     */
    public Objective {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) {
            throw new IllegalArgumentException("objective name must not be blank");
        }
    }
}
