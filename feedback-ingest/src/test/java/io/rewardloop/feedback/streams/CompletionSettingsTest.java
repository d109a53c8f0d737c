package io.rewardloop.feedback.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.feedback.IngestConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompletionSettingsTest {

    @Test
    void shouldDefaultToTenMinutesWaitAndSevenDaysRetention() {
        CompletionSettings settings = CompletionSettings.from(ConfigSource.of(Map.of(), Map.of()));

        assertThat(settings).isEqualTo(CompletionSettings.DEFAULTS);
        assertThat(settings.maxWait()).isEqualTo(Duration.parse("PT10M"));
        assertThat(settings.retention()).isEqualTo(Duration.parse("P7D"));
        assertThat(settings.checkInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldReadTheEnvironmentThenPropertiesAndBeAcceptedByTheIngestConfig() {
        ConfigSource source =
                ConfigSource.of(
                        Map.of("FEEDBACK_COMPLETION_WAIT", "PT2S"),
                        Map.of(IngestConfig.COMPLETION_RETENTION, "P1D"));

        CompletionSettings settings = CompletionSettings.from(source);

        assertThat(settings.maxWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.checkInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(IngestConfig.from(source).applicationId()).isEqualTo("rlhf-feedback-ingest");
    }

    @Test
    void shouldRefuseAWaitThatIsNotPositiveOrLongerThanTheRetention() {
        assertThatThrownBy(
                        () ->
                                CompletionSettings.from(
                                        ConfigSource.of(
                                                Map.of(),
                                                Map.of(IngestConfig.COMPLETION_WAIT, "PT0S"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(IngestConfig.COMPLETION_WAIT);
        assertThatThrownBy(() -> new CompletionSettings(Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(IngestConfig.COMPLETION_RETENTION);
    }

    @Test
    void shouldCheckAtLeastEveryTenthOfAShortWait() {
        assertThat(
                        new CompletionSettings(Duration.ofMillis(500), Duration.ofDays(1))
                                .checkInterval())
                .isEqualTo(Duration.ofMillis(100));
    }
}
