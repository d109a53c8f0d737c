package io.rewardloop.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusConfigTest {

    @Test
    void shouldDefaultToPort8070OneMinuteBucketsAndNoAgreement() {
        StatusConfig config = StatusConfig.from(ConfigSource.of(Map.of(), Map.of()));

        assertThat(config.http().port()).isEqualTo(8070);
        assertThat(config.lineage()).isEqualTo("default");
        assertThat(config.bucketWidth()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.bucketCount()).isEqualTo(180);
        assertThat(config.feedbackUrl()).isEmpty();
    }

    @Test
    void shouldReadEveryKeyFromTheEnvironment() {
        StatusConfig config =
                StatusConfig.from(
                        ConfigSource.of(
                                Map.of(
                                        "STATUS_HTTP_PORT", "0",
                                        "STATUS_MODEL_LINEAGE", "chat",
                                        "STATUS_FEEDBACK_URL", "http://127.0.0.1:8090",
                                        "STATUS_FEEDBACK_AUTH_TOKEN", "a-token-of-16-chars-or-more",
                                        "STATUS_BUCKET_WIDTH", "PT10S",
                                        "STATUS_BUCKET_COUNT", "30"),
                                Map.of()));

        assertThat(config.http().port()).isZero();
        assertThat(config.lineage()).isEqualTo("chat");
        assertThat(config.feedbackUrl()).contains(URI.create("http://127.0.0.1:8090"));
        assertThat(config.bucketWidth()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.bucketCount()).isEqualTo(30);
        assertThat(config.toString()).doesNotContain("a-token-of-16").contains("[hidden]");
    }

    @Test
    void shouldRefuseAFeedbackUrlThatIsNotHttp() {
        assertThatThrownBy(
                        () ->
                                StatusConfig.from(
                                        ConfigSource.of(
                                                Map.of("STATUS_FEEDBACK_URL", "file:///etc/passwd"),
                                                Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(StatusConfig.FEEDBACK_URL);
    }

    @Test
    void shouldRefuseAnUnknownKeyNamingTheClosestOne() {
        assertThatThrownBy(
                        () ->
                                StatusConfig.from(
                                        ConfigSource.of(
                                                Map.of("STATUS_BUCKET_WIDHT", "PT1M"), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("status.bucket.width");
    }

    @Test
    void shouldRefuseBucketsShorterThanASecond() {
        assertThatThrownBy(
                        () ->
                                StatusConfig.from(
                                        ConfigSource.of(
                                                Map.of("STATUS_BUCKET_WIDTH", "10"), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(StatusConfig.BUCKET_WIDTH);
    }
}
