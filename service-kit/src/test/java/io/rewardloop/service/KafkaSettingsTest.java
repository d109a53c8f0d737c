package io.rewardloop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"scorer\" password=\"kafka-pa55\";";

    @TempDir Path dir;

    @Test
    void shouldPassSecurityPropertiesFromTheEnvironmentAndAFileToEveryClient() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(
                file, "security.protocol=SSL\nssl.truststore.location=/etc/kafka/trust.p12\n");
        ConfigSource source =
                ConfigSource.of(
                        Map.of(
                                "BOOTSTRAP_SERVERS", "kafka:9093",
                                "KAFKA_CLIENT_CONFIG_FILE", file.toString(),
                                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                                "KAFKA_CLIENT_SASL_MECHANISM", "PLAIN"),
                        Map.of("kafka.client.sasl.jaas.config", JAAS));

        KafkaSettings settings = KafkaSettings.from(source, "localhost:9092");

        assertThat(settings.clientConfig())
                .containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.location", "/etc/kafka/trust.p12");
        assertThat(settings.toString())
                .contains("SASL_SSL")
                .contains("/etc/kafka/trust.p12")
                .doesNotContain("kafka-pa55");
    }

    @Test
    void shouldGiveTheSerdesEveryRegistryKeyAndHideItsSecrets() {
        ConfigSource source =
                ConfigSource.of(
                        Map.of(
                                "SCHEMA_REGISTRY_URL", "https://registry:8081",
                                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "scorer:sr-pa55"),
                        Map.of("schema.registry.timeout.ms", "2500"));

        KafkaSettings settings = KafkaSettings.from(source, "localhost:9092");

        assertThat(settings.serdeConfig())
                .containsEntry("schema.registry.url", "https://registry:8081")
                .containsEntry("schema.registry.basic.auth.user.info", "scorer:sr-pa55")
                .containsEntry("schema.registry.timeout.ms", "2500");
        assertThat(settings.clientConfig()).doesNotContainKey("schema.registry.url");
        assertThat(settings.toString()).doesNotContain("sr-pa55").contains("https://registry:8081");
    }

    @Test
    void shouldFailAtStartUpOnABadRegistrySetting() {
        ConfigSource source =
                ConfigSource.of(
                        Map.of(
                                "SCHEMA_REGISTRY_URL",
                                "https://registry:8081",
                                "SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION",
                                dir.resolve("missing.p12").toString()),
                        Map.of());

        assertThatThrownBy(() -> KafkaSettings.from(source, "localhost:9092"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.location");
    }

    @Test
    void shouldKeepTheDefaultsWithNothingSet() {
        KafkaSettings settings =
                KafkaSettings.from(ConfigSource.of(Map.of(), Map.of()), "localhost:9092");

        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.serdeConfig()).containsEntry("schema.registry.url", "embedded");
        assertThat(settings.clientConfig()).containsOnlyKeys("bootstrap.servers");
        assertThat(settings.withBootstrapServers("b:1").clientConfig())
                .containsEntry("bootstrap.servers", "b:1");
    }
}
