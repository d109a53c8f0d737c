package io.rewardloop.channel;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.RewardLoopException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelPublisherTest {

    private static final ModelCatalog CATALOG =
            ModelCatalog.of(
                    List.of(
                            new ModelCatalog.Entry("default", 0, TinyModels.record("v1"), null),
                            new ModelCatalog.Entry("default", 1, TinyModels.record("v0007"), null),
                            new ModelCatalog.Entry("other", 2, TinyModels.record("v9"), null)));

    @Test
    void shouldRefuseAVersionEqualToAPublishedOneByNumber() {
        assertThatThrownBy(() -> ModelPublisher.checkOrder(CATALOG, "default", "v7"))
                .isInstanceOf(RewardLoopException.class)
                .hasMessageStartingWith("version v7 equals v0007, already published")
                .hasMessageContaining("leading zeros do not count");
    }

    @Test
    void shouldRefuseATimestampVersionAfterAVPrefixedOne() {
        assertThatThrownBy(() -> ModelPublisher.checkOrder(CATALOG, "default", "20261130"))
                .hasMessageStartingWith("version 20261130 does not order after v0007")
                .hasMessageContaining("a digit sorts before a letter");
    }

    @Test
    void shouldAcceptAVersionAfterTheNewestOfItsOwnLineage() {
        assertThatCode(() -> ModelPublisher.checkOrder(CATALOG, "default", "v8"))
                .doesNotThrowAnyException();
        assertThatCode(() -> ModelPublisher.checkOrder(CATALOG, "new", "v1"))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseNamesThatCannotBeKeysOrFileNames() {
        assertThatThrownBy(() -> ModelKeys.key("a:b", "v1")).hasMessageContaining("lineage 'a:b'");
        assertThatThrownBy(() -> ModelKeys.checkVersion("../v1")).hasMessageContaining("version");
        assertThatThrownBy(() -> ModelKeys.checkVersion("v1/x")).hasMessageContaining("version");
    }
}
