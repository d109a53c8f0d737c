package io.rewardloop.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelHolderTest {

    @Test
    void shouldOnlyEverMoveToANewerVersion() {
        ModelHolder holder = new ModelHolder();

        assertThat(holder.version()).isEqualTo("none");
        assertThat(holder.offer(new FakeScorer("v9"))).isTrue();
        assertThat(holder.offer(new FakeScorer("v10"))).isTrue();
        assertThat(holder.offer(new FakeScorer("v9"))).isFalse();
        assertThat(holder.offer(new FakeScorer("v10"))).isFalse();

        assertThat(holder.version()).isEqualTo("v10");
        assertThat(holder.isNewer("v10")).isFalse();
        assertThat(holder.isNewer("v11")).isTrue();
    }

    @Test
    void shouldSwapToWhateverTheFollowerChoosesEvenAnOlderVersion() {
        ModelHolder holder = new ModelHolder();
        FakeScorer v10 = new FakeScorer("v10");

        assertThat(holder.swap(v10)).isNull();
        assertThat(holder.swap(new FakeScorer("v5"))).isSameAs(v10);

        assertThat(holder.version()).isEqualTo("v5");
    }

    @Test
    void shouldWaitForTheFirstModelOnlyAsLongAsAsked() throws Exception {
        ModelHolder holder = new ModelHolder();

        assertThat(holder.await(Duration.ofMillis(20))).isEmpty();

        Thread publisher = new Thread(() -> holder.offer(new FakeScorer("v1")));
        publisher.start();
        assertThat(holder.await(Duration.ofSeconds(10)))
                .hasValueSatisfying(m -> assertThat(m.version()).isEqualTo("v1"));
        publisher.join();
    }
}
