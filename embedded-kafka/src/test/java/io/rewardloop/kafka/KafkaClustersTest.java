package io.rewardloop.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.kafka.KafkaClusters.Mode;
import org.junit.jupiter.api.Test;

class KafkaClustersTest {

    @Test
    void shouldParseModesIgnoringCase() {
        assertThat(Mode.parse("Embedded")).isEqualTo(Mode.EMBEDDED);
        assertThat(Mode.parse(" testcontainers ")).isEqualTo(Mode.TESTCONTAINERS);
        assertThat(Mode.parse("auto")).isEqualTo(Mode.AUTO);
    }

    @Test
    void shouldRejectUnknownModeNamingTheKey() {
        assertThatThrownBy(() -> Mode.parse("docker"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(KafkaClusters.MODE_KEY)
                .hasMessageContaining("RLHF_TEST_KAFKA");
    }

    @Test
    void shouldPickTestcontainersOnlyWhenDockerAnswers() {
        assertThat(KafkaClusters.resolve(Mode.AUTO, true)).isEqualTo(Mode.TESTCONTAINERS);
        assertThat(KafkaClusters.resolve(Mode.AUTO, false)).isEqualTo(Mode.EMBEDDED);
        assertThat(KafkaClusters.resolve(Mode.EMBEDDED, true)).isEqualTo(Mode.EMBEDDED);
    }

    @Test
    void shouldFailFastWhenTestcontainersIsForcedWithoutDocker() {
        assertThatThrownBy(() -> KafkaClusters.resolve(Mode.TESTCONTAINERS, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rlhf.test.kafka=testcontainers");
    }
}
