package io.rewardloop.launcher;

/**
 * The exact McNemar test (a sign test on the discordant pairs), one-sided: of the pairs exactly one
 * of two models ranks right, does the second model win more than half? Under H0 each discordant
 * pair is a fair coin, so the p-value is P(X >= wins) for X ~ Binomial(wins + losses, 1/2).
 */
final class SignTest {

    private SignTest() {}

    /**
     * The one-sided p-value.
     *
     * @param wins discordant pairs the second model ranks right
     * @param losses discordant pairs the first model ranks right
     * @return P(X >= wins), 1 when there are no discordant pairs
     */
    static double pValue(int wins, int losses) {
        if (wins < 0 || losses < 0) {
            throw new IllegalArgumentException("counts must be >= 0: " + wins + ", " + losses);
        }
        int n = wins + losses;
        double p = 0;
        for (int k = wins; k <= n; k++) {
            p += Math.exp(logChoose(n, k) - n * Math.log(2));
        }
        return Math.min(1.0, p);
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }
}
