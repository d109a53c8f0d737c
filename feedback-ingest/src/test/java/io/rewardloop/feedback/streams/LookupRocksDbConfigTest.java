package io.rewardloop.feedback.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.service.KafkaSettings;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;

/** Every store of both Streams applications filters lookups of absent keys. */
class LookupRocksDbConfigTest {

    @TempDir Path stateDir;

    @Test
    void shouldFilterMemtableAndLargestRunLookupsByWholeKey() {
        try (Options options = new Options()) {
            options.setOptimizeFiltersForHits(true); // as Kafka Streams sets it
            assertThat(options.memtableWholeKeyFiltering()).isFalse();
            new LookupRocksDbConfig().setConfig("feedback-dedup-store", options, Map.of());
            assertThat(options.memtableWholeKeyFiltering()).isTrue();
            assertThat(options.memtablePrefixBloomSizeRatio())
                    .isEqualTo(LookupRocksDbConfig.MEMTABLE_BLOOM_SIZE_RATIO);
            assertThat(options.optimizeFiltersForHits()).isFalse();
        }
    }

    @Test
    void shouldBeTheStreamsDefaultUnlessTheClientPropertiesNameAnother() {
        assertThat(
                        StreamsSettings.forTests("app", stateDir)
                                .streamsProperties(KafkaSettings.embedded("broker:9092")))
                .containsEntry(
                        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
                        LookupRocksDbConfig.class);
        KafkaSettings own =
                KafkaSettings.from(
                        io.rewardloop.common.ConfigSource.of(
                                Map.of(),
                                Map.of("kafka.client.rocksdb.config.setter", "com.example.Mine")),
                        "broker:9092");
        assertThat(StreamsSettings.forTests("app", stateDir).streamsProperties(own))
                .containsEntry(
                        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "com.example.Mine");
    }
}
