package io.rewardloop.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import io.rewardloop.schemas.testing.FakeSchemaRegistryServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Basic auth and TLS against a registry that requires both. */
class RegistrySecurityTest {

    private static final String SUBJECT = "rlhf.responses-value";
    private static final String USER_INFO = "scorer:s3cret-Pa55";

    private final FakeSchemaRegistryServer registry =
            FakeSchemaRegistryServer.startHttps(serverTls(), USER_INFO);

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldRegisterOverHttpsWithBasicAuthFromTheSerdeKeys() {
        SchemaRegistryClient client = EventSerdeConfig.from(secured(USER_INFO)).newRegistryClient();

        int id = client.register(SUBJECT, ResponseGenerated.getClassSchema());

        assertThat(client.latest(SUBJECT).id()).isEqualTo(id);
        String expected = "Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes());
        assertThat(registry.authorizations()).hasSize(2).containsOnly(expected);
    }

    @Test
    void shouldTakeTheCredentialsFromTheUrlWhenToldTo() {
        Map<String, Object> configs = secured(null);
        configs.put(
                EventSerdeConfig.SCHEMA_REGISTRY_URL,
                registry.url().replace("https://", "https://" + USER_INFO + "@"));
        configs.put(RegistrySecurity.BASIC_AUTH_CREDENTIALS_SOURCE, "URL");

        SchemaRegistryClient client = EventSerdeConfig.from(configs).newRegistryClient();

        assertThat(client.register(SUBJECT, ResponseGenerated.getClassSchema())).isPositive();
    }

    @Test
    void shouldRefuseWrongCredentialsAsRetriableWithoutPrintingThePassword() {
        SchemaRegistryClient client =
                EventSerdeConfig.from(secured("scorer:wrong-password")).newRegistryClient();

        assertThatThrownBy(() -> client.register(SUBJECT, ResponseGenerated.getClassSchema()))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("401")
                .hasMessageContaining(RegistrySecurity.BASIC_AUTH_USER_INFO)
                .hasMessageNotContaining("wrong-password");
    }

    @Test
    void shouldNotTrustTheRegistryWithoutTheTrustStore() {
        Map<String, Object> configs = secured(USER_INFO);
        configs.remove(RegistrySecurity.TRUSTSTORE_LOCATION);
        configs.remove(RegistrySecurity.TRUSTSTORE_PASSWORD);
        SchemaRegistryClient client = EventSerdeConfig.from(configs).newRegistryClient();

        assertThatThrownBy(() -> client.register(SUBJECT, ResponseGenerated.getClassSchema()))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("unreachable");
        assertThat(registry.requestCount()).isZero();
    }

    @Test
    void shouldNameTheKeyOfAnUnreadableTrustStore() {
        Map<String, Object> configs = secured(USER_INFO);
        configs.put(RegistrySecurity.TRUSTSTORE_PASSWORD, "not-the-password");

        assertThatThrownBy(() -> EventSerdeConfig.from(configs))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistrySecurity.TRUSTSTORE_LOCATION)
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void shouldPrintNeitherPasswordsNorUserInfo() {
        RegistrySecurity security = EventSerdeConfig.from(secured(USER_INFO)).registrySecurity();

        assertThat(security.toString())
                .contains("as scorer")
                .contains("registry-trust.p12")
                .doesNotContain("s3cret-Pa55")
                .doesNotContain("trust-secret");
        assertThat(RegistrySecurity.printable(URI.create("https://u:p4ss@reg:8081/x")))
                .isEqualTo("https://reg:8081/x");
    }

    @Test
    void shouldRejectUserInfoWithoutAPassword() {
        assertThatThrownBy(() -> EventSerdeConfig.from(secured("just-a-user")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistrySecurity.BASIC_AUTH_USER_INFO);
        assertThat(RegistrySecurity.from(Map.of(), List.of())).isNotNull();
    }

    private Map<String, Object> secured(String userInfo) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(EventSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        if (userInfo != null) {
            configs.put(RegistrySecurity.BASIC_AUTH_USER_INFO, userInfo);
        }
        configs.put(RegistrySecurity.TRUSTSTORE_LOCATION, store("registry-trust.p12").toString());
        configs.put(RegistrySecurity.TRUSTSTORE_PASSWORD, "trust-secret");
        configs.put(RegistrySecurity.TRUSTSTORE_TYPE, "PKCS12");
        configs.put(EventSerdeConfig.SCHEMA_REGISTRY_TIMEOUT_MS, "3000");
        return configs;
    }

    private static Path store(String name) {
        try {
            return Path.of(RegistrySecurityTest.class.getResource("/tls/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext serverTls() {
        try (InputStream in =
                RegistrySecurityTest.class.getResourceAsStream("/tls/registry-server.p12")) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, "server-secret".toCharArray());
            KeyManagerFactory factory =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, "server-secret".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test TLS key pair", e);
        }
    }
}
