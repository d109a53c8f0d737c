package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenBudgetBatcherTest {

    @Test
    void shouldPutEveryIndexInExactlyOneBatch() {
        int[] lengths = randomLengths(200, 7);
        List<int[]> batches = new TokenBudgetBatcher(1000, 64).batches(lengths);

        int[] all = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).containsExactly(java.util.stream.IntStream.range(0, 200).toArray());
    }

    @Test
    void shouldKeepPaddedTokensWithinBudgetAndSizeWithinLimit() {
        int[] lengths = randomLengths(300, 11);
        for (int[] batch : new TokenBudgetBatcher(1024, 16).batches(lengths)) {
            int longest = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
            assertThat((long) batch.length * longest).isLessThanOrEqualTo(1024);
            assertThat(batch.length).isLessThanOrEqualTo(16);
        }
    }

    @Test
    void shouldGroupSimilarLengthsLongestFirst() {
        int[] lengths = {10, 200, 12, 190, 11, 205};
        List<int[]> batches = new TokenBudgetBatcher(620, 64).batches(lengths);

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactly(5, 1, 3);
        assertThat(batches.get(1)).containsExactly(2, 4, 0);
    }

    @Test
    void shouldGiveAnOverlongSequenceABatchOfItsOwn() {
        List<int[]> batches = new TokenBudgetBatcher(100, 8).batches(new int[] {5, 500, 5});

        assertThat(batches.get(0)).containsExactly(1);
        assertThat(batches.get(1)).containsExactly(0, 2);
    }

    @Test
    void shouldReturnNoBatchForNoInput() {
        assertThat(new TokenBudgetBatcher(100, 8).batches(new int[0])).isEmpty();
    }

    @Test
    void shouldRejectNonPositiveLimits() {
        assertThatThrownBy(() -> new TokenBudgetBatcher(0, 8))
                .isInstanceOf(BackboneException.class)
                .hasMessageContaining("maxBatchTokens");
    }

    private static int[] randomLengths(int n, long seed) {
        Random random = new Random(seed);
        return random.ints(n, 1, 300).toArray();
    }
}
