package io.rewardloop.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void shouldReadDefaults() {
        IngestConfig config = IngestConfig.from(ConfigSource.of(Map.of(), Map.of()));

        assertThat(config.http().port()).isEqualTo(IngestConfig.DEFAULT_HTTP_PORT);
        assertThat(config.http().authRequired()).isFalse();
        assertThat(config.maxBodyBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(config.maxBatchItems()).isEqualTo(500);
        assertThat(config.objectives()).isEmpty();
        assertThat(config.applicationId()).isEqualTo("rlhf-feedback-ingest");
    }

    @Test
    void shouldMakeBoundTokensAcceptedTokensAndReadObjectivesAndLimits() {
        IngestConfig config =
                IngestConfig.from(
                        ConfigSource.of(
                                Map.of(),
                                Map.of(
                                        IngestConfig.AUTH_ANNOTATORS,
                                        "token-for-alice-0001=alice, token-for-bob-00001=bob",
                                        "feedback.http.auth.tokens",
                                        "admin-token-000000001",
                                        IngestConfig.MAX_BODY_BYTES,
                                        "1MiB",
                                        IngestConfig.OBJECTIVES,
                                        "helpfulness, harmlessness")));

        assertThat(config.annotatorTokens())
                .containsEntry("token-for-alice-0001", "alice")
                .containsEntry("token-for-bob-00001", "bob");
        assertThat(config.http().tokens())
                .containsExactlyInAnyOrder(
                        "admin-token-000000001", "token-for-alice-0001", "token-for-bob-00001");
        assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.validator().objectives())
                .containsExactlyInAnyOrder("helpfulness", "harmlessness");
        assertThat(config.toString()).doesNotContain("token-for-alice");
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(
                        () ->
                                IngestConfig.from(
                                        ConfigSource.of(
                                                Map.of(),
                                                Map.of(IngestConfig.AUTH_ANNOTATORS, "no-equals"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(IngestConfig.AUTH_ANNOTATORS);
        assertThatThrownBy(
                        () ->
                                IngestConfig.from(
                                        ConfigSource.of(
                                                Map.of(),
                                                Map.of(IngestConfig.MAX_BATCH_ITEMS, "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(IngestConfig.MAX_BATCH_ITEMS);
        assertThatThrownBy(
                        () ->
                                IngestConfig.from(
                                        ConfigSource.of(
                                                Map.of(),
                                                Map.of("feedback.http.max.body.byte", "1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("feedback.http.max.body.bytes");
    }
}
