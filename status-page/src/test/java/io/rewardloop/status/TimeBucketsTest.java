package io.rewardloop.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeBucketsTest {

    @Test
    void shouldPutRecordsIntoTheBucketTheirTimeFallsIn() {
        TimeBuckets<long[]> buckets = new TimeBuckets<>(60_000, 10, s -> new long[1]);

        buckets.at(120_000)[0]++;
        buckets.at(179_999)[0]++;
        buckets.at(180_000)[0]++;

        assertThat(buckets.entries())
                .extracting(Map.Entry::getKey)
                .containsExactly(120_000L, 180_000L);
        assertThat(buckets.entries()).extracting(e -> e.getValue()[0]).containsExactly(2L, 1L);
    }

    @Test
    void shouldKeepOnlyTheNewestBucketsHoweverLongTheStream() {
        TimeBuckets<long[]> buckets = new TimeBuckets<>(1000, 5, s -> new long[1]);
        for (long t = 0; t < 1_000_000; t += 100) {
            buckets.at(t)[0]++;
        }

        assertThat(buckets.size()).isEqualTo(5);
        assertThat(buckets.entries())
                .extracting(Map.Entry::getKey)
                .containsExactly(995_000L, 996_000L, 997_000L, 998_000L, 999_000L);
    }

    @Test
    void shouldDropARecordOlderThanEveryKeptBucketWhenFull() {
        TimeBuckets<long[]> buckets = new TimeBuckets<>(1000, 2, s -> new long[1]);
        buckets.at(5000);
        buckets.at(6000);

        assertThat(buckets.at(1000)).isNull();
        assertThat(buckets.at(5500)).isNotNull();
        assertThat(buckets.dropped()).isEqualTo(1);
        assertThat(buckets.size()).isEqualTo(2);
    }

    @Test
    void shouldBucketTimesBeforeTheEpochDownwards() {
        TimeBuckets<long[]> buckets = new TimeBuckets<>(1000, 3, s -> new long[] {s});

        assertThat(buckets.at(-1)[0]).isEqualTo(-1000);
    }
}
