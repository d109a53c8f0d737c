package io.rewardloop.reliability;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The accounting of one stream of records: which ids had to arrive, how many times each did.
 *
 * @param expected ids that had to arrive exactly once
 * @param lost expected ids that never arrived
 * @param duplicated extra copies of ids that arrived more than once
 * @param unexpected ids that arrived without being expected
 */
record Tally(int expected, Set<String> lost, long duplicated, Set<String> unexpected) {

    /**
     * Accounts for what was read against what had to arrive.
     *
     * @param expected the ids that must each arrive once
     * @param counts how many times each id arrived
     * @return the tally
     */
    static Tally of(Collection<String> expected, Map<String, Long> counts) {
        Set<String> lost = new TreeSet<>(expected);
        lost.removeAll(counts.keySet());
        Set<String> unexpected = new TreeSet<>(counts.keySet());
        unexpected.removeAll(expected);
        long duplicated = counts.values().stream().mapToLong(n -> n - 1).sum();
        return new Tally(Set.copyOf(expected).size(), lost, duplicated, unexpected);
    }

    /** Whether every expected id arrived once and nothing else arrived. */
    boolean exact() {
        return lost.isEmpty() && duplicated == 0 && unexpected.isEmpty();
    }

    /** {@code N produced, L lost, D duplicated}. */
    String line() {
        return expected
                + " produced, "
                + lost.size()
                + " lost, "
                + duplicated
                + " duplicated"
                + (unexpected.isEmpty() ? "" : ", " + unexpected.size() + " unexpected");
    }
}
