package io.rewardloop.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.schemas.Topic;
import io.rewardloop.schemas.Topics;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaHistoryTest {

    private final SchemaHistory history = SchemaHistory.standard();

    static Stream<Class<? extends SpecificRecord>> eventTypes() {
        return SchemaHistory.EVENT_TYPES.stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void shouldKeepTheCurrentSchemaAsTheLatestReleasedVersion(
            Class<? extends SpecificRecord> type) {
        Schema current = SpecificData.getForClass(type).getSchema(type);
        List<Schema> released = history.versions(type.getSimpleName());

        assertThat(released)
                .as(
                        "%s changed: add it as schema-history/%s/v%d.avsc",
                        type.getSimpleName(), type.getSimpleName(), released.size() + 1)
                .isNotEmpty()
                .last()
                .extracting(SchemaHistory::fingerprint)
                .isEqualTo(SchemaHistory.fingerprint(current));
        assertThat(history.byFingerprint(SchemaHistory.fingerprint(current))).isPresent();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void shouldReadEveryReleasedVersionWithTheCurrentClass(Class<? extends SpecificRecord> type) {
        Schema current = SpecificData.getForClass(type).getSchema(type);

        assertThat(history.versions(type.getSimpleName()))
                .allSatisfy(
                        released ->
                                assertThat(
                                                SchemaCompatibility.checkReaderWriterCompatibility(
                                                                current, released)
                                                        .getType())
                                        .isEqualTo(
                                                SchemaCompatibility.SchemaCompatibilityType
                                                        .COMPATIBLE));
    }

    @Test
    void shouldCoverEveryAvroTypeOfTheTopicRegistry() {
        List<Class<?>> avroTypes =
                Topics.all().stream()
                        .<Class<?>>map(Topic::valueType)
                        .filter(SpecificRecord.class::isAssignableFrom)
                        .toList();

        assertThat(avroTypes).containsExactlyInAnyOrderElementsOf(SchemaHistory.EVENT_TYPES);
    }
}
