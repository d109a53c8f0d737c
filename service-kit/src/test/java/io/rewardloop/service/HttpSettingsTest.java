package io.rewardloop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSettingsTest {

    @TempDir Path dir;

    @Test
    void shouldDefaultToEveryInterfaceWithoutAuth() {
        HttpSettings settings =
                HttpSettings.from(ConfigSource.of(Map.of(), Map.of()), "svc.http", 8080);

        assertThat(settings.bind()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.authRequired()).isFalse();
        assertThat(settings.enabled()).isTrue();
    }

    @Test
    void shouldReadBindPortAndTokensFromTheEnvironmentAndAFile() throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# scrapers\nfile-token-0123456789\n\n");
        ConfigSource source =
                ConfigSource.of(
                        Map.of(
                                "SVC_HTTP_BIND", "127.0.0.1",
                                "SVC_HTTP_PORT", "-1",
                                "SVC_HTTP_AUTH_TOKENS",
                                        "env-token-0123456789, second-token-0123456789",
                                "SVC_HTTP_AUTH_TOKENS_FILE", file.toString()),
                        Map.of());

        HttpSettings settings = HttpSettings.from(source, "svc.http", 8080);

        assertThat(settings.bind()).isEqualTo("127.0.0.1");
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.tokens())
                .containsExactly(
                        "env-token-0123456789", "second-token-0123456789", "file-token-0123456789");
        assertThat(settings.toString()).contains("tokens=3").doesNotContain("env-token");
    }

    @Test
    void shouldRefuseShortTokensNamingThePrefixButNotTheToken() {
        ConfigSource source =
                ConfigSource.of(Map.of("SVC_HTTP_AUTH_TOKENS", "short-secret"), Map.of());

        assertThatThrownBy(() -> HttpSettings.from(source, "svc.http", 8080))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("svc.http")
                .hasMessageContaining("16")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void shouldNameTheKeyOfABadPortOrAMissingTokenFile() {
        assertThatThrownBy(
                        () ->
                                HttpSettings.from(
                                        ConfigSource.of(Map.of("SVC_HTTP_PORT", "70000"), Map.of()),
                                        "svc.http",
                                        8080))
                .hasMessageContaining("svc.http.port");
        assertThatThrownBy(
                        () ->
                                HttpSettings.from(
                                        ConfigSource.of(
                                                Map.of(
                                                        "SVC_HTTP_AUTH_TOKENS_FILE",
                                                        dir.resolve("none").toString()),
                                                Map.of()),
                                        "svc.http",
                                        8080))
                .hasMessageContaining("svc.http.auth.tokens.file");
        assertThat(new HttpSettings("::1", 0, List.of()).withBind("127.0.0.1").bind())
                .isEqualTo("127.0.0.1");
    }
}
