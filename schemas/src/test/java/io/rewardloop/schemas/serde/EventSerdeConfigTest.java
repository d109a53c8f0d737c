package io.rewardloop.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventSerdeConfigTest {

    @Test
    void shouldNameTheKeyWhenTheRegistryUrlIsMissing() {
        assertThatThrownBy(() -> EventSerdeConfig.from(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'schema.registry.url' is missing")
                .hasMessageContaining("embedded");
        assertThatThrownBy(() -> new AvroEventSerde<>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EventSerdeConfig.SCHEMA_REGISTRY_URL);
    }

    @Test
    void shouldSelectEmbeddedMode() {
        EventSerdeConfig config = EventSerdeConfig.from(EventSerdeConfig.embeddedMode());

        assertThat(config.embedded()).isTrue();
        assertThat(config.registryUrls()).isEmpty();
    }

    @Test
    void shouldParseSeveralRegistryUrlsAndSettings() {
        EventSerdeConfig config =
                EventSerdeConfig.from(
                        Map.of(
                                EventSerdeConfig.SCHEMA_REGISTRY_URL,
                                "http://sr-1:8081, https://sr-2:8443",
                                EventSerdeConfig.AUTO_REGISTER_SCHEMAS,
                                "false",
                                EventSerdeConfig.SCHEMA_REGISTRY_TIMEOUT_MS,
                                2500));

        assertThat(config.embedded()).isFalse();
        assertThat(config.registryUrls())
                .containsExactly(URI.create("http://sr-1:8081"), URI.create("https://sr-2:8443"));
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.registryTimeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void shouldAutoRegisterByDefault() {
        assertThat(EventSerdeConfig.from(EventSerdeConfig.registryMode("http://localhost:8081")))
                .extracting(EventSerdeConfig::autoRegisterSchemas)
                .isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8081", "ftp://sr:21", "http://", "http://ok:1,,"})
    void shouldRejectMalformedRegistryUrlsNamingTheKey(String url) {
        assertThatThrownBy(() -> EventSerdeConfig.from(EventSerdeConfig.registryMode(url)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EventSerdeConfig.SCHEMA_REGISTRY_URL)
                .hasMessageContaining(url);
    }

    @Test
    void shouldRejectAnAutoRegisterValueThatIsNotABoolean() {
        Map<String, Object> config =
                Map.of(
                        EventSerdeConfig.SCHEMA_REGISTRY_URL, "embedded",
                        EventSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes");

        assertThatThrownBy(() -> EventSerdeConfig.from(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EventSerdeConfig.AUTO_REGISTER_SCHEMAS);
    }
}
