package io.rewardloop.service.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.SampleEvents;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.EventDecodingException;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * The generators are deterministic per seed, produce every kind, and what they produce is really
 * malformed: no record decodes with the real deserializer, no body parses as a strict JSON object
 * with every required field of the template's type.
 */
class HostileInputsTest {

    private static final Map<String, Object> EMBEDDED = EventSerdeConfig.embeddedMode();
    private static final ObjectMapper STRICT =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void shouldGiveTheSameRecordsForTheSameSeed() {
        assertThat(bytes(records(7))).isEqualTo(bytes(records(7)));
        assertThat(bytes(records(7))).isNotEqualTo(bytes(records(8)));
    }

    @Test
    void shouldProduceRecordsOfEveryKindThatNoneDecodes() {
        Deserializer<ResponseGenerated> deserializer =
                Topics.RESPONSES.valueSerde(EMBEDDED).deserializer();
        List<HostileInput> inputs = records(3);

        assertThat(inputs.stream().map(HostileInput::kind).distinct())
                .containsExactlyInAnyOrder(
                        "random-bytes",
                        "wrong-schema",
                        "truncated",
                        "wrong-magic",
                        "unknown-schema-id",
                        "length-bomb",
                        "invalid-utf8",
                        "huge-string");
        for (HostileInput input : inputs) {
            assertThatThrownBy(
                            () -> deserializer.deserialize(Topics.RESPONSES.name(), input.bytes()))
                    .as(input.kind())
                    .isInstanceOf(EventDecodingException.class);
        }
    }

    @Test
    void shouldProduceBodiesOfEveryKindWithTheirContentTypes() {
        ObjectNode template = STRICT.createObjectNode().put("prompt", "p").put("response", "r");
        List<HostileInput> bodies =
                new HostileJson(5, template, List.of("prompt", "response"), "prompt", 4096)
                        .bodies(500);

        assertThat(bodies).hasSize(500);
        assertThat(bodies.stream().map(HostileInput::kind).distinct()).hasSize(16);
        assertThat(bodies)
                .filteredOn(b -> !b.kind().equals("wrong-content-type"))
                .allSatisfy(b -> assertThat(b.contentType()).isEqualTo(HostileInput.JSON));
        assertThat(bodies)
                .filteredOn(b -> b.kind().equals("wrong-content-type"))
                .allSatisfy(b -> assertThat(b.contentType()).isNotEqualTo(HostileInput.JSON));
        assertThat(bodies)
                .filteredOn(b -> b.kind().equals("oversized-body"))
                .allSatisfy(b -> assertThat(b.bytes().length).isGreaterThan(4096));
        assertThat(bodies)
                .filteredOn(b -> b.kind().equals("duplicate-key") || b.kind().equals("nan"))
                .allSatisfy(
                        b ->
                                assertThatThrownBy(() -> STRICT.readTree(b.bytes()))
                                        .as(new String(b.bytes()))
                                        .isInstanceOf(Exception.class));
    }

    @Test
    void shouldKeepRecordValuesUnderTheBrokersMessageLimit() {
        ObjectNode template = STRICT.createObjectNode().put("prompt", "p");
        List<HostileInput> values =
                new HostileJson(5, template, List.of("prompt"), "prompt", 64 << 20).values(500);

        assertThat(values).allSatisfy(v -> assertThat(v.bytes().length).isLessThan(1 << 20));
        assertThat(values).allSatisfy(v -> assertThat(v.contentType()).isNull());
    }

    private static List<HostileInput> records(long seed) {
        byte[] good =
                Topics.RESPONSES
                        .valueSerde(EMBEDDED)
                        .serializer()
                        .serialize(Topics.RESPONSES.name(), SampleEvents.responseGenerated());
        byte[] foreign =
                Topics.RATINGS
                        .valueSerde(EMBEDDED)
                        .serializer()
                        .serialize(Topics.RATINGS.name(), SampleEvents.ratingRecorded());
        return new HostileRecords(seed)
                .values(ResponseGenerated.getClassSchema(), good, foreign, 500);
    }

    private static List<String> bytes(List<HostileInput> inputs) {
        return inputs.stream().map(i -> i.kind() + ":" + Arrays.hashCode(i.bytes())).toList();
    }
}
