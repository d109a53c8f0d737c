package io.rewardloop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void shouldHideCredentialsButShowTokenCounts() {
        Map<String, Object> shown =
                Redaction.redact(
                        Map.of(
                                "scorer.http.auth.tokens", "abcdefghijklmnopq",
                                "feedback.http.auth.tokens.file", "/run/secrets/tokens",
                                "kafka.client.sasl.jaas.config", "x",
                                "schema.registry.basic.auth.user.info", "u:p",
                                "kafka.client.ssl.truststore.location", "/etc/ts.jks",
                                "scorer.batch.max.tokens", 8192,
                                "scorer.http.batch.tokens", 8192));

        assertThat(shown)
                .containsEntry("scorer.http.auth.tokens", Redaction.MASK)
                .containsEntry("feedback.http.auth.tokens.file", Redaction.MASK)
                .containsEntry("kafka.client.sasl.jaas.config", Redaction.MASK)
                .containsEntry("schema.registry.basic.auth.user.info", Redaction.MASK)
                .containsEntry("kafka.client.ssl.truststore.location", "/etc/ts.jks")
                .containsEntry("scorer.batch.max.tokens", 8192)
                .containsEntry("scorer.http.batch.tokens", 8192);
    }
}
