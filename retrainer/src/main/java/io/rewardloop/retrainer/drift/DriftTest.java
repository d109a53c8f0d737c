package io.rewardloop.retrainer.drift;

import io.rewardloop.events.DriftDetector;

/**
 * One test of one window, shaped like a {@code DriftDetected} event. Every test alarms when its
 * p-value is at most its share {@code alpha} of the check's family-wise level.
 *
 * @param detector which detector ran
 * @param objective the objective of a per-objective reward test, else null (the overall score, and
 *     every other detector)
 * @param statistic KS D, unbiased MMD^2, or the live mean J / live accuracy
 * @param pValue the test's p-value
 * @param alpha the level the p-value is compared with (the Bonferroni share)
 * @param threshold where the statistic alarms: the critical D of a KS test, the permutation
 *     critical MMD^2 (NaN when the permutations stopped early, which happens only without an
 *     alarm), or the boundary {@code reference - delta} of J and of human accuracy, below which the
 *     statistic must fall significantly
 * @param referenceSize reference observations the test used (0 for the constant references of J and
 *     human accuracy)
 * @param liveSize live observations the test used
 */
public record DriftTest(
        DriftDetector detector,
        String objective,
        double statistic,
        double pValue,
        double alpha,
        double threshold,
        long referenceSize,
        long liveSize) {

    /**
     * Whether this test alarmed.
     *
     * @return {@code pValue <= alpha}
     */
    public boolean alarmed() {
        return pValue <= alpha;
    }
}
