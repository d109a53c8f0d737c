package io.rewardloop.retrainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.time.Duration;
import java.util.Map;
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
}
