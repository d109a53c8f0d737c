package io.rewardloop.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorerConfigTest {

    @Test
    void shouldReadDefaultsAndEnvironment() {
        ScorerConfig config =
                ScorerConfig.from(
                        ConfigSource.of(
                                Map.of(
                                        "SCORER_BATCH_MAX_TOKENS", "2048",
                                        "SCORER_OVERSIZED_POLICY", "reject"),
                                Map.of("scorer.instance.id", "scorer-a")));

        assertThat(config.maxBatchTokens()).isEqualTo(2048);
        assertThat(config.oversizedPolicy()).isEqualTo(OversizedPolicy.REJECT);
        assertThat(config.instanceId()).isEqualTo("scorer-a");
        assertThat(config.schemaRegistryUrl()).isEqualTo("embedded");
        assertThat(config.maxBatchWait()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void shouldNameTheKeyOfAnInvalidValue() {
        assertThatThrownBy(
                        () ->
                                ScorerConfig.from(
                                        ConfigSource.of(
                                                Map.of("SCORER_OVERSIZED_POLICY", "shrink"),
                                                Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scorer.oversized.policy");
        assertThatThrownBy(
                        () ->
                                ScorerConfig.from(
                                        ConfigSource.of(
                                                Map.of("SCORER_BATCH_MAX_TOKENS", "0"), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scorer.batch.max.tokens");
    }
}
