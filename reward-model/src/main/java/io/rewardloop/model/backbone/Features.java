package io.rewardloop.model.backbone;

import java.util.List;

/**
 * The output of a {@link Backbone} for a batch: plain arrays, one row per input pair, in input
 * order. Arrays are handed over, not copied: the caller owns them. Record equality on arrays is by
 * reference; compare contents with {@link java.util.Arrays#deepEquals}.
 *
 * @param responseFeatures {@code h_y} per pair, {@code [n][dimension]}
 * @param promptFeatures {@code h_x} per pair, {@code [n][dimension]}
 * @param truncations what was cut from each pair
 * @param tokenCounts how many tokens (special tokens included) of each pair the model saw
 */
public record Features(
        float[][] responseFeatures,
        float[][] promptFeatures,
        List<Truncation> truncations,
        int[] tokenCounts) {

    /** Checks that every part has one entry per pair. */
    public Features {
        int n = responseFeatures.length;
        if (promptFeatures.length != n || truncations.size() != n || tokenCounts.length != n) {
            throw new BackboneException(
                    "Features parts disagree in size: "
                            + n
                            + " response rows, "
                            + promptFeatures.length
                            + " prompt rows, "
                            + truncations.size()
                            + " truncations, "
                            + tokenCounts.length
                            + " token counts");
        }
        truncations = List.copyOf(truncations);
    }

    /**
     * Returns the number of pairs.
     *
     * @return the batch size
     */
    public int size() {
        return responseFeatures.length;
    }
}
