package io.rewardloop.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void shouldCompareRunsOfDigitsAsNumbers() {
        List<String> versions =
                new ArrayList<>(
                        List.of("v10", "v9", "v0002", "v1", "2026-11-22.10", "2026-11-22.3"));

        versions.sort(VersionOrder.INSTANCE);

        assertThat(versions)
                .containsExactly("2026-11-22.3", "2026-11-22.10", "v1", "v0002", "v9", "v10");
    }

    @Test
    void shouldTreatEqualVersionsAsEqualAndPrefixesAsOlder() {
        assertThat(VersionOrder.INSTANCE.compare("v7", "v07")).isZero();
        assertThat(VersionOrder.INSTANCE.compare("v7", "v7.1")).isNegative();
    }

    @Test
    void shouldSortADigitBeforeALetterSoDatesComeBeforeVPrefixedVersions() {
        assertThat(VersionOrder.INSTANCE.compare("20261130", "v0007")).isNegative();
        assertThat(VersionOrder.INSTANCE.compare("v01", "v1")).isZero();
        assertThat(VersionOrder.INSTANCE.compare("v2.10", "v2.9")).isPositive();
        assertThat(VersionOrder.INSTANCE.compare("v99999999999999999999", "v100")).isPositive();
    }
}
