package io.rewardloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaCluster.class)
class EmbeddedSerdeIT {

    @Test
    void shouldCarryEveryEventTypeThroughTheBrokerWithoutARegistry(KafkaCluster cluster) {
        Map<String, Object> config = EventSerdeConfig.embeddedMode();

        List<ConsumerRecord<byte[], byte[]>> records =
                EveryEventRoundTrip.produceEverySample(cluster, config);

        assertThat(records)
                .allSatisfy(
                        r -> {
                            assertThat(r.value()[0]).isEqualTo((byte) 0xC3);
                            assertThat(r.value()[1]).isEqualTo((byte) 0x01);
                        });
        EveryEventRoundTrip.assertEverySampleReceived(EveryEventRoundTrip.decode(records, config));
    }
}
