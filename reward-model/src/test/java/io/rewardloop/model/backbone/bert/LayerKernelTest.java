package io.rewardloop.model.backbone.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerKernelTest {

    @Test
    void shouldLeaveTheChoiceToTheEncoderUnlessAsked() {
        assertThat(LayerKernel.fromConfig(ConfigSource.of(Map.of(), Map.of()))).isEmpty();
        assertThat(LayerKernel.fromConfig(config("auto"))).isEmpty();
    }

    @Test
    void shouldReadEitherKernelFromTheEnvironmentInAnyCase() {
        assertThat(LayerKernel.fromConfig(config("eager"))).contains(LayerKernel.EAGER);
        assertThat(LayerKernel.fromConfig(config("Scripted"))).contains(LayerKernel.SCRIPTED);
    }

    @Test
    void shouldNameTheKeyAndTheChoicesForAnyOtherValue() {
        assertThatThrownBy(() -> LayerKernel.fromConfig(config("fast")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backbone.layer.kernel")
                .hasMessageContaining("auto, scripted or eager")
                .hasMessageContaining("'fast'");
    }

    private static ConfigSource config(String value) {
        return ConfigSource.of(Map.of("BACKBONE_LAYER_KERNEL", value), Map.of());
    }
}
