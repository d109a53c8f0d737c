package io.rewardloop.retrainer.drift;

import java.util.List;

/**
 * The tests of one full live window against the reference.
 *
 * @param window the window's number since the reference was set, from 1
 * @param windowStartMillis timestamp of the window's first response
 * @param windowEndMillis timestamp of the window's last response
 * @param familyAlpha the check's family-wise false-alarm probability, split evenly over the tests
 * @param tests every test that ran
 */
public record DriftCheck(
        long window,
        long windowStartMillis,
        long windowEndMillis,
        double familyAlpha,
        List<DriftTest> tests) {

    /** Copies the tests. */
    public DriftCheck {
        tests = List.copyOf(tests);
    }

    /**
     * The tests that alarmed; each maps onto one {@code DriftDetected} event.
     *
     * @return the alarmed tests
     */
    public List<DriftTest> alarms() {
        return tests.stream().filter(DriftTest::alarmed).toList();
    }

    /**
     * Whether any test alarmed.
     *
     * @return true when {@link #alarms()} is not empty
     */
    public boolean alarmed() {
        return tests.stream().anyMatch(DriftTest::alarmed);
    }
}
