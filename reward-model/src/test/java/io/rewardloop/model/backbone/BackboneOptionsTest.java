package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.model.backbone.bert.LayerKernel;
import io.rewardloop.model.scoring.BackboneCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackboneOptionsTest {

    @Test
    void shouldReadTheDefaults() {
        BackboneOptions options = BackboneOptions.fromConfig(ConfigSource.of(Map.of(), Map.of()));

        assertThat(options).isEqualTo(BackboneOptions.defaults());
        assertThat(options.promptCacheBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(options.layerKernel()).isEmpty();
    }

    @Test
    void shouldReadTheKernelAndTheCacheBudgetWithUnits() {
        BackboneOptions options =
                BackboneOptions.fromConfig(
                        ConfigSource.of(
                                Map.of(
                                        "BACKBONE_LAYER_KERNEL", "eager",
                                        "BACKBONE_PROMPT_CACHE_BYTES", "16MiB"),
                                Map.of()));

        assertThat(options.layerKernel()).contains(LayerKernel.EAGER);
        assertThat(options.promptCacheBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void shouldNameTheKeyOfABadKernelOrCacheBudget() {
        assertThatThrownBy(() -> options(Map.of("BACKBONE_LAYER_KERNEL", "fast")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backbone.layer.kernel");
        assertThatThrownBy(() -> options(Map.of("BACKBONE_PROMPT_CACHE_BYTES", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backbone.prompt.cache.bytes");
        assertThatThrownBy(() -> options(Map.of("BACKBONE_PROMPT_CACHE_BYTES", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backbone.prompt.cache.bytes");
    }

    @Test
    void shouldRefuseATypoedKeyNamingTheClosestKnownKey() {
        assertThatThrownBy(() -> options(Map.of("BACKBONE_LAYER_KERNAL", "eager")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'BACKBONE_LAYER_KERNAL'")
                .hasMessageContaining("did you mean 'BACKBONE_LAYER_KERNEL'");
    }

    @Test
    void shouldFailWhenTheCatalogIsCreatedNotWhenAModelLoads() {
        String previous = System.setProperty("backbone.layer.kernel", "fast");
        try {
            assertThatThrownBy(() -> new BackboneCatalog(4096))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("backbone.layer.kernel")
                    .hasMessageContaining("'fast'");
        } finally {
            if (previous == null) {
                System.clearProperty("backbone.layer.kernel");
            } else {
                System.setProperty("backbone.layer.kernel", previous);
            }
        }
    }

    private static BackboneOptions options(Map<String, String> environment) {
        return BackboneOptions.fromConfig(ConfigSource.of(environment, Map.of()));
    }
}
