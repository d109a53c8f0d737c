package io.rewardloop.retrainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetrainerConfigTest {

    private static RetrainerConfig read(Map<String, String> env) {
        return RetrainerConfig.from(ConfigSource.of(env, Map.of()));
    }

    @Test
    void shouldReadDefaultsThatMakeAWorkingInstance() {
        RetrainerConfig config = read(Map.of());

        assertThat(config.lineage()).isEqualTo("default");
        assertThat(config.http().port()).isEqualTo(8092);
        assertThat(config.instanceId()).matches("[A-Za-z0-9._-]+");
        assertThat(config.round().evalFraction()).isEqualTo(0.2);
        assertThat(config.triggers().feedbackCount()).isEqualTo(1000);
        assertThat(config.triggers().schedule()).isZero();
        assertThat(config.driftReferenceSize()).isEqualTo(2 * config.drift().windowSize());
    }

    @Test
    void shouldReadTheEnvironment() {
        RetrainerConfig config =
                read(
                        Map.of(
                                "RETRAINER_MODEL_LINEAGE", "prod",
                                "RETRAINER_TRIGGER_SCHEDULE", "PT6H",
                                "RETRAINER_EVAL_TOLERANCE", "0.01",
                                "RETRAINER_DRIFT_WINDOW_SIZE", "200"));

        assertThat(config.lineage()).isEqualTo("prod");
        assertThat(config.triggers().schedule()).isEqualTo(Duration.ofHours(6));
        assertThat(config.round().tolerance()).isEqualTo(0.01);
        assertThat(config.drift().windowSize()).isEqualTo(200);
    }

    @Test
    void shouldRefuseATypoAnInvalidInstanceIdAndOptionsThatNeedTheEnsemble() {
        assertThatThrownBy(() -> read(Map.of("RETRAINER_TRIGGER_FEEDBACK_CONT", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'RETRAINER_TRIGGER_FEEDBACK_COUNT'");
        assertThatThrownBy(() -> read(Map.of("RETRAINER_INSTANCE_ID", "a@b")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("retrainer.instance.id");
        assertThatThrownBy(
                        () ->
                                read(
                                        Map.of(
                                                "RETRAINER_STRENGTH_MEMBERS", "0",
                                                "RETRAINER_NOISE_FLIP_FRACTION", "0.1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("retrainer.strength.members");
        assertThatThrownBy(() -> read(Map.of("RETRAINER_EVAL_FRACTION", "1.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("retrainer.eval.fraction");
    }

    @Test
    void shouldReadTheDriftFeedWithDefaultsThatSpareTheScorer() {
        assertThat(read(Map.of()).embedFeed()).isEqualTo(EmbeddingFeedSettings.DEFAULTS);
        EmbeddingFeedSettings feed =
                read(Map.of(
                                "RETRAINER_DRIFT_EMBED_SAMPLE_FRACTION", "0.2",
                                "RETRAINER_DRIFT_EMBED_MAX_PER_SECOND", "5",
                                "RETRAINER_DRIFT_EMBED_WINDOW_SIZE", "100",
                                "RETRAINER_DRIFT_ENSEMBLE_MEMBERS", "0"))
                        .embedFeed();

        assertThat(feed).isEqualTo(new EmbeddingFeedSettings(0.2, 5, 100, 0, 500));
        assertThatThrownBy(() -> read(Map.of("RETRAINER_DRIFT_ENSEMBLE_MEMBERS", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("retrainer.drift.ensemble.members");
        assertThatThrownBy(() -> read(Map.of("RETRAINER_DRIFT_EMBED_SAMPLE_FRACTION", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("retrainer.drift.embed.sample.fraction");
    }

    @Test
    void shouldSampleTheStatedShareOfResponsesTheSameWayEveryTime() {
        EmbeddingFeedSettings feed = EmbeddingFeedSettings.DEFAULTS;
        long sampled =
                IntStream.range(0, 100_000).filter(i -> feed.sampled("response-" + i)).count();

        // Binomial(100,000, 0.05): sd 69; 4 sd either side.
        assertThat(sampled).isBetween(4_724L, 5_276L);
        assertThat(feed.sampled("response-17")).isEqualTo(feed.sampled("response-17"));
        assertThat(new EmbeddingFeedSettings(0, 2, 250, 5, 500).sampled("response-17")).isFalse();
        assertThat(new EmbeddingFeedSettings(1, 2, 250, 5, 500).sampled("response-17")).isTrue();
    }
}
