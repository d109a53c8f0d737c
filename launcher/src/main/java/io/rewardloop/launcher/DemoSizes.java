package io.rewardloop.launcher;

import io.rewardloop.common.ConfigException;

/**
 * How big the demo is.
 *
 * @param rounds RLHF rounds; round 1 is before the shift, so at least 2
 * @param pairsPerRound pairs the policy emits (two responses each) and the annotators label a round
 * @param initialPairs helpful-base pairs the initial model trains on
 * @param heldOut harmless-base pairs never labelled, for the final comparison
 */
record DemoSizes(int rounds, int pairsPerRound, int initialPairs, int heldOut) {

    /** Validates. */
    DemoSizes {
        if (rounds < 2) {
            throw new ConfigException("--rounds must be at least 2 (one before the shift)");
        }
        if (pairsPerRound < 10 || initialPairs < 10 || heldOut < 10) {
            throw new ConfigException(
                    "--pairs-per-round, --initial-pairs and --held-out must be at least 10");
        }
    }
}
