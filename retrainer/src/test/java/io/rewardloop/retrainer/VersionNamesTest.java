package io.rewardloop.retrainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.channel.VersionOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionNamesTest {

    @ParameterizedTest
    @CsvSource({
        "v0001, v0002",
        "v0009, v0010",
        "v9, v10",
        "v9999, v10000",
        "2026-r7, 2026-r8",
        "r7-beta, r8-beta",
        "base, base.1"
    })
    void shouldCountTheLastDigitsUpAndOrderAfterTheParent(String parent, String next) {
        assertThat(VersionNames.next(parent)).isEqualTo(next);
        assertThat(VersionOrder.INSTANCE.compare(next, parent)).isPositive();
    }

    @org.junit.jupiter.api.Test
    void shouldStartALineageAtTheFirstVersion() {
        assertThat(VersionNames.next(null)).isEqualTo("v0001");
    }
}
