package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpConfigTest {

    private static UpConfig from(Map<String, String> env, Map<String, String> flags) {
        return UpConfig.from(ConfigSource.of(env, Map.of()).withOverrides(flags));
    }

    @Test
    void shouldDefaultToEmbeddedBrokerOnPort9092AndARegistryServedOnPort8081() {
        UpConfig config = from(Map.of(), Map.of());

        assertThat(config.embeddedBroker()).isTrue();
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.registryPort()).hasValue(8081);
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(config.kafkaLogDir()).isEmpty();
        assertThat(config.replicationFactor()).isEqualTo((short) -1);
        assertThat(config.serdeConfig())
                .containsEntry("schema.registry.url", "http://127.0.0.1:8081");
    }

    @Test
    void shouldServeNoRegistryWhenAUrlOrEmbeddedIsGiven() {
        assertThat(from(Map.of("SCHEMA_REGISTRY_URL", "http://sr:8081"), Map.of()).registryPort())
                .isEmpty();
        UpConfig embedded = from(Map.of(), Map.of("schema.registry.url", "embedded"));
        assertThat(embedded.registryPort()).isEmpty();
        assertThat(embedded.serdeConfig()).containsEntry("schema.registry.url", "embedded");
    }

    @Test
    void shouldReadTheRegistryPortAndNameItsKeyWhenOutOfRange() {
        assertThat(from(Map.of("REGISTRY_PORT", "18081"), Map.of()).registryPort()).hasValue(18081);
        assertThat(from(Map.of(), Map.of("registry.port", "0")).registryPort()).hasValue(0);
        assertThatThrownBy(() -> from(Map.of("REGISTRY_PORT", "70000"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'registry.port'");
    }

    @Test
    void shouldReadEnvironmentAndLetFlagsWin() {
        UpConfig config =
                from(
                        Map.of("KAFKA_PORT", "19092", "KAFKA_LOG_DIR", "/tmp/k"),
                        Map.of("kafka.port", "0", "schema.registry.url", "http://sr:8081"));

        assertThat(config.kafkaPort()).isZero();
        assertThat(config.kafkaLogDir()).contains(Path.of("/tmp/k"));
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://sr:8081");
    }

    @Test
    void shouldUseExistingClusterAndIgnoreKafkaPortWhenBootstrapServersIsSet() {
        UpConfig config =
                from(
                        Map.of(
                                "BOOTSTRAP_SERVERS",
                                "kafka:9092",
                                "KAFKA_PORT",
                                "tcp://10.0.0.1:9092"),
                        Map.of());

        assertThat(config.embeddedBroker()).isFalse();
        assertThat(config.bootstrapServers()).contains("kafka:9092");
        assertThat(config.registryPort()).as("no registry served on a cluster not ours").isEmpty();
        assertThat(config.serdeConfig()).containsEntry("schema.registry.url", "embedded");
    }

    @Test
    void shouldNameTheKeyWhenThePortIsOutOfRange() {
        assertThatThrownBy(() -> from(Map.of("KAFKA_PORT", "70000"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'kafka.port'")
                .hasMessageContaining("KAFKA_PORT");
    }

    @Test
    void shouldNameTheKeyWhenTheRegistryUrlIsNotHttp() {
        assertThatThrownBy(() -> from(Map.of(), Map.of("schema.registry.url", "sr:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'schema.registry.url'");
    }

    @Test
    void shouldNameTheKeyWhenBootstrapServersHasNoPort() {
        assertThatThrownBy(() -> from(Map.of(), Map.of("bootstrap.servers", "kafka")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bootstrap.servers'");
    }

    @Test
    void shouldRejectAZeroReplicationFactor() {
        assertThatThrownBy(
                        () ->
                                new UpConfig(
                                        Optional.empty(),
                                        "embedded",
                                        0,
                                        Optional.empty(),
                                        (short) 0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'topics.replication.factor'");
    }

    @Test
    void shouldPassClientPropertiesAndRegistryCredentialsToEveryClientOfUp() {
        UpConfig config =
                from(
                        Map.of(
                                "BOOTSTRAP_SERVERS", "kafka:9093",
                                "SCHEMA_REGISTRY_URL", "https://sr:8081",
                                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "up:sr-secret",
                                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL"),
                        Map.of());

        assertThat(config.kafka().clientConfig())
                .containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.serdeConfig())
                .containsEntry("schema.registry.basic.auth.user.info", "up:sr-secret");
        assertThat(config.toString()).doesNotContain("sr-secret");
    }
}
