package io.rewardloop.retrainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftSettingsTest {

    @Test
    void shouldUseTheDefaultsWhenNothingIsSet() {
        assertThat(DriftSettings.from(ConfigSource.of(Map.of(), Map.of())))
                .isEqualTo(DriftSettings.DEFAULTS);
    }

    @Test
    void shouldReadKeysFromTheEnvironmentAndProperties() {
        ConfigSource source =
                ConfigSource.of(
                        Map.of("RETRAINER_DRIFT_FALSE_ALARMS_PER_WINDOWS", "0.002"),
                        Map.of(DriftSettings.WINDOW_SIZE, "250", DriftSettings.PCA_DIMS, "64"));
        DriftSettings settings = DriftSettings.from(source);
        assertThat(settings.falseAlarmRate()).isEqualTo(0.002);
        assertThat(settings.windowSize()).isEqualTo(250);
        assertThat(settings.pcaDims()).isEqualTo(64);
    }

    @Test
    void shouldNameTheKeyOfAnInvalidValue() {
        ConfigSource rateOfOne =
                ConfigSource.of(Map.of(), Map.of(DriftSettings.FALSE_ALARM_RATE, "1"));
        assertThatThrownBy(() -> DriftSettings.from(rateOfOne))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DriftSettings.FALSE_ALARM_RATE);
        ConfigSource tinyWindow = ConfigSource.of(Map.of(), Map.of(DriftSettings.WINDOW_SIZE, "2"));
        assertThatThrownBy(() -> DriftSettings.from(tinyWindow))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DriftSettings.WINDOW_SIZE);
    }
}
