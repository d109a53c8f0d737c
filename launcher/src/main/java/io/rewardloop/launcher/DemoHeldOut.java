package io.rewardloop.launcher;

import java.util.List;

/**
 * A live model measured on the held-out pairs over HTTP.
 *
 * @param version the version that answered (the scorer names it in every result)
 * @param verdicts its verdict on each pair, in the held-out order
 */
record DemoHeldOut(String version, List<DemoScorerClient.PairVerdict> verdicts) {

    /**
     * The measurement of a model.
     *
     * @param verdicts the verdicts, in the held-out order
     * @return the measurement, named by the version that answered most pairs
     */
    static DemoHeldOut of(List<DemoScorerClient.PairVerdict> verdicts) {
        String version =
                verdicts.stream()
                        .map(DemoScorerClient.PairVerdict::modelVersion)
                        .distinct()
                        .reduce((a, b) -> a + "+" + b)
                        .orElse("-");
        return new DemoHeldOut(version, List.copyOf(verdicts));
    }

    /**
     * Pairs measured.
     *
     * @return the count
     */
    int pairs() {
        return verdicts.size();
    }

    /**
     * Share of the pairs the model ranks as the human did.
     *
     * @return the agreement
     */
    double agreement() {
        return verdicts.stream().filter(DemoScorerClient.PairVerdict::agrees).count()
                / (double) verdicts.size();
    }

    /**
     * The paired comparison with a later measurement of the same pairs.
     *
     * @param after the later measurement
     * @return the discordant counts and the one-sided exact McNemar p-value
     */
    Comparison against(DemoHeldOut after) {
        if (after.pairs() != pairs()) {
            throw new IllegalArgumentException("the two measurements cover different pairs");
        }
        int wins = 0;
        int losses = 0;
        for (int i = 0; i < pairs(); i++) {
            boolean before = verdicts.get(i).agrees();
            boolean now = after.verdicts().get(i).agrees();
            if (now && !before) {
                wins++;
            } else if (before && !now) {
                losses++;
            }
        }
        return new Comparison(wins, losses, SignTest.pValue(wins, losses));
    }

    /**
     * The paired comparison.
     *
     * @param wins pairs only the later model ranks right
     * @param losses pairs only the earlier model ranks right
     * @param pValue P(at least this many wins | no difference)
     */
    record Comparison(int wins, int losses, double pValue) {}
}
