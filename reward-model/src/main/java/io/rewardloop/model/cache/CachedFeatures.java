package io.rewardloop.model.cache;

import io.rewardloop.model.backbone.Truncation;

/**
 * The features of one (prompt, response) pair as the cache keeps them.
 *
 * @param responseFeature {@code h_y}
 * @param promptFeature {@code h_x}
 * @param truncation what the backbone cut
 * @param tokenCount tokens the backbone saw
 */
record CachedFeatures(
        float[] responseFeature, float[] promptFeature, Truncation truncation, int tokenCount) {}
