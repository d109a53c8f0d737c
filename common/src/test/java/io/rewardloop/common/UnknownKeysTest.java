package io.rewardloop.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {

    private static final List<String> KNOWN =
            List.of(
                    "scorer.batch.max.tokens",
                    "scorer.batch.max.wait",
                    "scorer.group.id",
                    "scorer.kafka.");

    @Test
    void shouldNameATypoedEnvironmentVariableAndTheClosestKey() {
        ConfigSource source =
                ConfigSource.of(
                        Map.of("SCORER_BATCH_MAX_TOKEN", "4096", "SCORER_GROUP_ID", "g"), Map.of());

        assertThatThrownBy(() -> UnknownKeys.require(source, "scorer.", KNOWN))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Unknown configuration environment variable 'SCORER_BATCH_MAX_TOKEN': did"
                                + " you mean 'SCORER_BATCH_MAX_TOKENS' (key"
                                + " scorer.batch.max.tokens)?");
    }

    @Test
    void shouldNameATypoedSystemPropertyAndTheClosestKey() {
        ConfigSource source = ConfigSource.of(Map.of(), Map.of("scorer.grup.id", "g"));

        assertThatThrownBy(() -> UnknownKeys.require(source, "scorer.", KNOWN))
                .hasMessageContaining("key 'scorer.grup.id'")
                .hasMessageContaining("did you mean 'scorer.group.id'");
    }

    @Test
    void shouldListTheKnownKeysWhenNoneIsClose() {
        ConfigSource source = ConfigSource.of(Map.of("SCORER_COMPLETELY_DIFFERENT", "x"), Map.of());

        assertThatThrownBy(() -> UnknownKeys.require(source, "scorer.", KNOWN))
                .hasMessageContaining("'SCORER_COMPLETELY_DIFFERENT': known keys are")
                .hasMessageContaining("scorer.batch.max.wait");
    }

    @Test
    void shouldAcceptKnownKeysPassThroughPrefixesAndKeysOfOtherServices() {
        ConfigSource source =
                ConfigSource.of(
                        Map.of(
                                "SCORER_BATCH_MAX_TOKENS", "1",
                                "SCORER_KAFKA_SECURITY_PROTOCOL", "SSL",
                                "RETRAINER_ANYTHING", "x"),
                        Map.of("scorer.batch.max.wait", "5", "scorer.kafka.ssl.keystore", "k"));

        assertThatCode(() -> UnknownKeys.require(source, "scorer.", KNOWN))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldMeasureEditDistance() {
        assertThat(UnknownKeys.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(UnknownKeys.distance("", "abc")).isEqualTo(3);
        assertThat(UnknownKeys.distance("same", "SAME")).isZero();
    }
}
