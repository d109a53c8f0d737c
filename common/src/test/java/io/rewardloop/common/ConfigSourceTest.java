package io.rewardloop.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {

    @Test
    void shouldPreferEnvironmentOverPropertiesOverDefault() {
        ConfigSource source =
                ConfigSource.of(
                        Map.of("SCORER_BATCH_MAX_TOKENS", "4096"),
                        Map.of("scorer.batch.max.tokens", "1024", "scorer.threads", "3"));

        assertThat(source.integer("scorer.batch.max.tokens", 10)).isEqualTo(4096);
        assertThat(source.integer("scorer.threads", 10)).isEqualTo(3);
        assertThat(source.integer("scorer.missing", 10)).isEqualTo(10);
    }

    @Test
    void shouldLetFlagsOverrideTheEnvironment() {
        ConfigSource source =
                ConfigSource.of(Map.of("BOOTSTRAP_SERVERS", "env:9092"), Map.of())
                        .withOverrides(Map.of("bootstrap.servers", "flag:9092"));

        assertThat(source.string("bootstrap.servers", "default")).isEqualTo("flag:9092");
    }

    @Test
    void shouldParseDurationsInMillisecondsOrIso() {
        ConfigSource source = ConfigSource.of(Map.of("A", "50", "B", "PT2S"), Map.of());

        assertThat(source.duration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(50));
        assertThat(source.duration("b", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldNameTheKeyWhenAValueDoesNotParse() {
        ConfigSource source = ConfigSource.of(Map.of("SCORER_THREADS", "many"), Map.of());

        assertThatThrownBy(() -> source.integer("scorer.threads", 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scorer.threads")
                .hasMessageContaining("SCORER_THREADS")
                .hasMessageContaining("many");
        assertThatThrownBy(() -> source.bool("scorer.threads", true))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldParseByteSizesWithBinaryUnits() {
        ConfigSource source =
                ConfigSource.of(
                        Map.of("A", "1024", "B", "64MiB", "C", "2 KB", "D", "1GiB", "E", "lots"),
                        Map.of());

        assertThat(source.bytes("a", 0)).isEqualTo(1024);
        assertThat(source.bytes("b", 0)).isEqualTo(64L * 1024 * 1024);
        assertThat(source.bytes("c", 0)).isEqualTo(2048);
        assertThat(source.bytes("d", 0)).isEqualTo(1L << 30);
        assertThat(source.bytes("missing", 7)).isEqualTo(7);
        assertThatThrownBy(() -> source.bytes("e", 0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'e' (env E)")
                .hasMessageContaining("64MiB");
    }
}
