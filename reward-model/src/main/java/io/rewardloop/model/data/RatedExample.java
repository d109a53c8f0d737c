package io.rewardloop.model.data;

import java.util.Map;
import java.util.Objects;

/**
 * One response with absolute ratings, already rescaled to [0, 1] per objective.
 *
 * @param prompt the prompt
 * @param response the rated response
 * @param ratings objective name to rating in [0, 1]; an objective that was not rated is absent
 */
public record RatedExample(String prompt, String response, Map<String, Double> ratings) {

    /** Validates and copies. */
    public RatedExample {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(response, "response");
        ratings = Map.copyOf(ratings);
    }
}
