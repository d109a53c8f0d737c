package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TruncationPolicyTest {

    private static final int SPECIAL = 3;
    private final TruncationPolicy policy = new TruncationPolicy(256, 128);

    @Test
    void shouldKeepEverythingWhenThePairFits() {
        assertThat(policy.pair(100, 153, SPECIAL))
                .isEqualTo(new TruncationPolicy.Split(100, 153, Truncation.NONE));
    }

    @Test
    void shouldLetALongPromptUseTheRoomAShortResponseLeaves() {
        assertThat(policy.pair(400, 20, SPECIAL))
                .isEqualTo(new TruncationPolicy.Split(233, 20, Truncation.PROMPT));
    }

    @Test
    void shouldCutOnlyTheResponseWhenThePromptIsShort() {
        assertThat(policy.pair(50, 1000, SPECIAL))
                .isEqualTo(new TruncationPolicy.Split(50, 203, Truncation.RESPONSE));
    }

    @Test
    void shouldCapThePromptAtMaxPromptTokensWhenBothAreLong() {
        assertThat(policy.pair(400, 1000, SPECIAL))
                .isEqualTo(new TruncationPolicy.Split(128, 125, Truncation.BOTH));
    }

    @Test
    void shouldKeepThePromptWholeUpToMaxPromptTokensEvenIfTheResponseIsLong() {
        TruncationPolicy.Split split = policy.pair(128, 1000, SPECIAL);

        assertThat(split.promptTokens()).isEqualTo(128);
        assertThat(split.truncation()).isEqualTo(Truncation.RESPONSE);
    }

    @Test
    void shouldNeverExceedTheLimit() {
        for (int p = 0; p < 600; p += 37) {
            for (int r = 0; r < 600; r += 41) {
                TruncationPolicy.Split split = policy.pair(p, r, SPECIAL);
                assertThat(split.promptTokens() + split.responseTokens() + SPECIAL)
                        .isLessThanOrEqualTo(256);
            }
        }
    }

    @Test
    void shouldKeepTheEndOfALongPromptEncodedAlone() {
        assertThat(policy.promptAlone(1000, 2)).isEqualTo(254);
        assertThat(policy.promptAlone(10, 2)).isEqualTo(10);
    }

    @Test
    void shouldRejectAPromptLimitThatLeavesNoRoom() {
        assertThatThrownBy(() -> new TruncationPolicy(128, 128))
                .isInstanceOf(BackboneException.class)
                .hasMessageContaining("maxPromptTokens");
    }
}
