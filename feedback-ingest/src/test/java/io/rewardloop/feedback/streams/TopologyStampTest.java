package io.rewardloop.feedback.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyStampTest {

    static final String APP = "stamp-test";

    @TempDir Path stateDir;

    private static Topology topology(String... topics) {
        StreamsBuilder builder = new StreamsBuilder();
        for (String topic : topics) {
            builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String()))
                    .to(topic + "-out");
        }
        return builder.build();
    }

    private boolean wipeIfChanged(Topology topology) {
        return TopologyStamp.wipeIfChanged(stateDir.resolve(APP), topology.describe());
    }

    private Path taskState() throws Exception {
        Path file = stateDir.resolve(APP).resolve("0_0").resolve("rocksdb").resolve("data");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "state");
    }

    @Test
    void shouldKeepStateWrittenByTheSameTopologyAndWipeStateOfAnother() throws Exception {
        assertThat(wipeIfChanged(topology("a"))).as("no state yet").isFalse();
        assertThat(stateDir.resolve(APP).resolve(TopologyStamp.FILE)).exists();

        Path state = taskState();
        assertThat(wipeIfChanged(topology("a"))).isFalse();
        assertThat(state).exists();

        assertThat(wipeIfChanged(topology("a", "b"))).isTrue();
        assertThat(state).doesNotExist();
        assertThat(stateDir.resolve(APP).resolve(TopologyStamp.FILE)).exists();
    }

    @Test
    void shouldWipeStateLeftByAReleaseThatKeptNoStamp() throws Exception {
        Path state = taskState();

        assertThat(wipeIfChanged(topology("a"))).isTrue();
        assertThat(state).doesNotExist();
    }
}
