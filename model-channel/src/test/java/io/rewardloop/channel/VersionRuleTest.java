package io.rewardloop.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.events.ModelPublished;
import org.junit.jupiter.api.Test;

class VersionRuleTest {

    private static ModelPublished rollback(String version) {
        return ModelPublished.newBuilder(TinyModels.record(version)).setRollback(true).build();
    }

    @Test
    void shouldAcceptOnlyVersionsAfterTheHighWaterMarkUnlessRolledBack() {
        VersionRule rule = new VersionRule();

        assertThat(rule.offer(TinyModels.record("v1"))).isEmpty();
        assertThat(rule.offer(TinyModels.record("v3"))).isEmpty();
        assertThat(rule.offer(TinyModels.record("v2")))
                .hasValue("version v2 does not order after v3, accepted before (not a rollback)");
        assertThat(rule.offer(TinyModels.record("v03"))).isPresent();
        assertThat(rule.offer(rollback("v1"))).isEmpty();
        assertThat(rule.newest().orElseThrow().getVersion()).isEqualTo("v1");
        // A replayed v2 cannot undo the rollback: the high-water mark is still v3.
        assertThat(rule.offer(TinyModels.record("v2"))).isPresent();
        assertThat(rule.highWater()).hasValue("v3");
        assertThat(rule.offer(TinyModels.record("v4"))).isEmpty();

        assertThat(rule.newestFirst())
                .extracting(ModelPublished::getVersion)
                .containsExactly("v4", "v1", "v3", "v1");
    }

    @Test
    void shouldKeepOnlyTheLastAcceptedRecordsToFallBackThrough() {
        VersionRule rule = new VersionRule();
        for (int i = 1; i <= 40; i++) {
            rule.offer(TinyModels.record("v" + i));
        }

        assertThat(rule.newestFirst()).hasSize(VersionRule.FALLBACK_DEPTH);
        assertThat(rule.newestFirst().get(0).getVersion()).isEqualTo("v40");
    }
}
