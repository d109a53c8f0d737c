package io.rewardloop.model.robust;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.model.heads.ArmoRmTrainer;
import io.rewardloop.model.heads.GatingConfig;
import io.rewardloop.model.heads.MetaRmConfig;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.PairSet;
import io.rewardloop.model.heads.PolicySamples;
import io.rewardloop.model.heads.RewardModel;
import io.rewardloop.model.heads.TrainingResult;
import org.junit.jupiter.api.Test;

class RobustTrainingTest {

    private static final GatingConfig TINY =
            GatingConfig.builder().optHiddenSize(8).optSteps(20).optBatchSize(64).build();

    private final PairSet pairs = new PlantedNoise(240, 6, 24, 2).pairs;

    private ArmoRmTrainer.Builder trainer() {
        return ArmoRmTrainer.builder()
                .setObjectives(ObjectiveSet.of("preference"))
                .optPairs(pairs)
                .optGating(TINY)
                .optSeed(4);
    }

    @Test
    void shouldTrainTheSameModelWhenEveryNoisyLabelPartIsOff() {
        TrainingResult plain = trainer().build().train();
        TrainingResult off =
                trainer()
                        .optPairRelabelling(
                                new NoisyLabelHandling(
                                        NoisyLabels.OFF, new PreferenceStrength(3, true, 4)))
                        .build()
                        .train();

        assertThat(off.model().heads().weights()).isDeepEqualTo(plain.model().heads().weights());
        assertThat(off.model().gating().weight(0))
                .containsExactly(plain.model().gating().weight(0));
        assertThat(off.metrics().get("strength.members")).isEqualTo(3.0);
        assertThat(off.metrics().get("noisy.flipped")).isZero();
    }

    @Test
    void shouldMeasureTheDifferenceLossOfPolicySamplesBeforeAndAfterMetaRm() {
        PolicySamples policy = policySamples(pairs);

        TrainingResult plain = trainer().build().train();
        TrainingResult meta =
                trainer().optMetaRm(new MetaRmConfig(0.1f, 32, 1, 0.25), policy).build().train();

        assertThat(meta.metrics().get("metaRm.groups")).isEqualTo(180.0);
        assertThat(meta.metrics().get("metaRm.j.before")).isBetween(0.5, 1.0);
        assertThat(meta.metrics().get("metaRm.j.after")).isBetween(0.5, 1.0);
        assertThat(meta.model().heads().weights()).isDeepEqualTo(plain.model().heads().weights());
        assertThat(meta.model().gating().beta()).isNotEqualTo(plain.model().gating().beta());
        RewardModel model = meta.model();
        assertThat(policy.differenceLoss(model)).isBetween(0.5, 1.0);
    }

    /** Every pair's two responses as an unlabelled group of two. */
    static PolicySamples policySamples(PairSet pairs) {
        float[][][] groups = new float[pairs.size()][][];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = new float[][] {pairs.chosen()[i], pairs.rejected()[i]};
        }
        return new PolicySamples(pairs.prompts(), groups, null);
    }
}
