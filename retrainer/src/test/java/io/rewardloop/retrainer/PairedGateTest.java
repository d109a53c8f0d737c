package io.rewardloop.retrainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PairedGateTest {

    private final PairedGate gate = new PairedGate(0.02, 0.05);

    @Test
    void shouldPassACandidateThatAgreesWithTheLiveModelEverywhere() {
        double[] same = {1, 1, 0, 1, 0.5, 1, 1, 0, 1, 1};

        PairedGate.Verdict verdict = gate.judge(same, same, false);

        assertThat(verdict.pass()).isTrue();
        assertThat(verdict.delta()).isZero();
        assertThat(verdict.pValue()).isZero();
    }

    @Test
    void shouldRejectACandidateThatIsClearlyWorseAndSayByHowMuch() {
        double[] live = ones(40);
        double[] candidate = ones(40);
        Arrays.fill(candidate, 0, 12, 0);

        PairedGate.Verdict verdict = gate.judge(candidate, live, false);

        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.candidateAccuracy()).isEqualTo(0.7);
        assertThat(verdict.liveAccuracy()).isEqualTo(1.0);
        assertThat(verdict.reason())
                .contains("candidate 0.7000 vs the live model 1.0000 on the 40 newest")
                .contains("paired difference -0.3000")
                .contains("not shown not to be worse by more than 0.0200");
    }

    @Test
    void shouldRejectWhenTooFewPairsCannotRuleOutThatItIsWorse() {
        // One pair lost, one won, on 4 pairs: mean 0, but far too uncertain for a 0.02 margin.
        double[] live = {1, 0, 1, 1};
        double[] candidate = {0, 1, 1, 1};

        PairedGate.Verdict verdict = gate.judge(candidate, live, false);

        assertThat(verdict.delta()).isZero();
        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.pValue()).isGreaterThan(0.05);
    }

    @Test
    void shouldMatchAPairedTTestComputedByHand() {
        // d = +1 on 6 pairs, -1 on 2, 0 on 12: mean 0.2, sd = sqrt((6*0.64 + 2*1.44 + 12*0.04)/19)
        double[] live = new double[20];
        double[] candidate = new double[20];
        Arrays.fill(candidate, 0, 6, 1);
        Arrays.fill(live, 6, 8, 1);
        double sd = Math.sqrt((6 * 0.64 + 2 * 1.44 + 12 * 0.04) / 19);
        double t = (0.2 + 0.02) / (sd / Math.sqrt(20));

        PairedGate.Verdict verdict = gate.judge(candidate, live, false);

        // t = 1.5983 with 19 degrees of freedom: one-sided p = 0.0632 (scipy.stats.t.sf), above
        // 0.05: a candidate better on this sample is still not shown to be non-inferior.
        assertThat(t).isBetween(1.598, 1.599);
        assertThat(verdict.pValue()).isBetween(0.0631, 0.0633);
        assertThat(verdict.pass()).isFalse();
    }

    @Test
    void shouldJudgeAgainstChanceWithoutALiveModel() {
        double[] chance = new double[30];
        Arrays.fill(chance, 0.5);

        assertThat(gate.judge(ones(30), chance, true).reason()).contains("vs chance");
        assertThat(gate.judge(ones(30), chance, true).pass()).isTrue();
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1);
        return a;
    }
}
