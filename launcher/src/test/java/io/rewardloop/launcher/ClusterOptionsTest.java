package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterOptionsTest {

    private static ClusterOptions parse(String... args) {
        return CommandLine.populateCommand(new ClusterOptions(), args);
    }

    @Test
    void shouldPointAClientOfTheLocalUpAtTheRegistryUpServes() {
        assertThat(parse().source(Map.of()).raw("schema.registry.url"))
                .contains("http://127.0.0.1:8081");
    }

    @Test
    void shouldLeaveTheRegistryUnsetForAnotherClusterAndForUpItself() {
        assertThat(
                        parse("--bootstrap-servers", "kafka:9092")
                                .source(Map.of())
                                .raw("schema.registry.url"))
                .isEmpty();
        assertThat(parse().upSource(Map.of()).raw("schema.registry.url")).isEmpty();
    }

    @Test
    void shouldKeepARegistryNamedByFlag() {
        assertThat(
                        parse("--schema-registry-url", "embedded")
                                .source(Map.of())
                                .raw("schema.registry.url"))
                .contains("embedded");
    }
}
