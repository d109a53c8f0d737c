package io.rewardloop.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.scorer.http.HttpScoringSettings;
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

    @Test
    void shouldReadHttpScoringSettingsWithTheirDefaults() {
        HttpScoringSettings defaults =
                ScorerConfig.from(ConfigSource.of(Map.of(), Map.of())).httpScoring();
        HttpScoringSettings set =
                ScorerConfig.from(
                                ConfigSource.of(
                                        Map.of(
                                                "SCORER_HTTP_BATCHING", "false",
                                                "SCORER_HTTP_BATCH_WAIT", "PT0.002S",
                                                "SCORER_HTTP_MAX_BODY_BYTES", "1MiB"),
                                        Map.of()))
                        .httpScoring();

        assertThat(defaults)
                .isEqualTo(
                        new HttpScoringSettings(
                                4096, 65536, Duration.ofMillis(5), true, 1024, 16L << 20, false));
        assertThat(set.batching()).isFalse();
        assertThat(set.batchWait()).isEqualTo(Duration.ofMillis(2));
        assertThat(set.maxBodyBytes()).isEqualTo(1L << 20);
        assertThatThrownBy(
                        () ->
                                ScorerConfig.from(
                                        ConfigSource.of(
                                                Map.of("SCORER_HTTP_MAX_PAIRS", "5000"), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scorer.http.max.pairs");
    }

    @Test
    void shouldDefaultToAnInstanceIdNoOtherLiveProcessShares() {
        assertThat(ScorerConfig.defaultInstanceId("pod-7", 1, "0a1b2c3d"))
                .isEqualTo("scorer-pod-7-1");
        assertThat(ScorerConfig.defaultInstanceId(null, 1, "0a1b2c3d"))
                .isEqualTo("scorer-1-0a1b2c3d");
        assertThat(ScorerConfig.defaultInstanceId(" ", 1, "ffff0000"))
                .isEqualTo("scorer-1-ffff0000");

        String fromSystem = ScorerConfig.from(ConfigSource.of(Map.of(), Map.of())).instanceId();
        assertThat(fromSystem)
                .isNotEqualTo("scorer-0")
                .contains("-" + ProcessHandle.current().pid());
    }

    @Test
    void shouldReadAndValidateTheRetryBackoffAndFaultInjectionKeys() {
        ScorerConfig config =
                ScorerConfig.from(
                        ConfigSource.of(
                                Map.of("SCORER_RETRY_BACKOFF_MAX", "PT2S"),
                                Map.of("scorer.fault.halt.after.sends", "3")));
        assertThat(config.loop().retryBackoffMax()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.loop().retryBackoffInitial()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.loop().haltAfterSends()).isEqualTo(3);

        assertThatThrownBy(
                        () ->
                                ScorerConfig.from(
                                        ConfigSource.of(
                                                Map.of("SCORER_RETRY_BACKOFF_MAX", "50"),
                                                Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scorer.retry.backoff.max");
        assertThatThrownBy(
                        () ->
                                ScorerConfig.from(
                                        ConfigSource.of(
                                                Map.of("SCORER_FAULT_HALT_AFTER_SENDS", "-1"),
                                                Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scorer.fault.halt.after.sends");
    }

    @Test
    void shouldNeverPrintTokensOrPasswords() {
        ScorerConfig config =
                ScorerConfig.from(
                        ConfigSource.of(
                                Map.of(
                                        "SCORER_HTTP_AUTH_TOKENS", "scrape-token-0123456789",
                                        "SCORER_HTTP_BIND", "127.0.0.1",
                                        "KAFKA_CLIENT_SASL_JAAS_CONFIG", "password=\"kafka-pw\";",
                                        "SCHEMA_REGISTRY_URL", "https://sr:8081",
                                        "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "scorer:sr-pw"),
                                Map.of()));

        assertThat(config.http().bind()).isEqualTo("127.0.0.1");
        assertThat(config.http().tokens()).containsExactly("scrape-token-0123456789");
        assertThat(config.kafka().clientConfig()).containsKey("sasl.jaas.config");
        assertThat(config.toString())
                .doesNotContain("scrape-token")
                .doesNotContain("kafka-pw")
                .doesNotContain("sr-pw")
                .contains("https://sr:8081");
    }
}
