package io.rewardloop.model.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectiveSetTest {

    @Test
    void shouldKeepOrderAndFindTheDebiasTarget() {
        ObjectiveSet set =
                ObjectiveSet.builder()
                        .add("helpfulness")
                        .addVerbosity("verbosity")
                        .add("safety")
                        .build();

        assertThat(set.names()).containsExactly("helpfulness", "verbosity", "safety");
        assertThat(set.debiasIndex()).isEqualTo(1);
        assertThat(set.needsLength()).isFalse();
        assertThat(set.indexOf("safety")).isEqualTo(2);
        assertThat(ObjectiveSet.of("a", "b").debiasIndex()).isEqualTo(-1);
        assertThat(ObjectiveSet.builder().add("a").addLength("length").build().needsLength())
                .isTrue();
    }

    @Test
    void shouldRejectRepeatedNamesAndTwoDebiasTargets() {
        assertThatThrownBy(() -> ObjectiveSet.of("a", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats");
        assertThatThrownBy(
                        () ->
                                ObjectiveSet.builder()
                                        .add("a")
                                        .addVerbosity("v")
                                        .addLength("l")
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most one");
        assertThatThrownBy(() -> ObjectiveSet.builder().addLength("l").build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
