package io.rewardloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.schemas.registry.IncompatibleSchemaException;
import io.rewardloop.schemas.registry.RestSchemaRegistryClient;
import io.rewardloop.schemas.testing.FakeSchemaRegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For each event: the next version in {@code evolution/<Name>.v2.avsc} (a field added with a
 * default) is BACKWARD compatible, in Avro's check, in decoding, and in the registry; a new
 * required field and a type change are refused by both.
 */
class SchemaEvolutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeSchemaRegistryServer registry = FakeSchemaRegistryServer.start();
    private final RestSchemaRegistryClient client =
            new RestSchemaRegistryClient(List.of(URI.create(registry.url())));

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    /** Every event schema in the registry's history. */
    static Stream<String> events() {
        return Stream.of(
                "ResponseGenerated",
                "RewardScored",
                "PreferenceRecorded",
                "RatingRecorded",
                "ModelPublished",
                "ControlEvent");
    }

    @ParameterizedTest
    @MethodSource("events")
    void shouldReadV1DataWithTheV2ReaderFillingTheNewDefault(String name) throws IOException {
        Schema v1 = load("schema-history/" + name + "/v1.avsc");
        Schema v2 = load("evolution/" + name + ".v2.avsc");
        Schema.Field added = v2.getFields().get(v2.getFields().size() - 1);
        SpecificRecord event = sample(name);

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(v2, v1).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        GenericRecord read = readAs(v1, v2, encode(event));
        assertThat(v1.getField(added.name())).as("v2 adds a new field").isNull();
        assertThat(read.get(added.name())).isEqualTo(GenericData.get().getDefaultValue(added));
        Schema.Field first = v1.getFields().get(0);
        assertThat(read.get(first.name()).toString()).isEqualTo(event.get(0).toString());
    }

    @ParameterizedTest
    @MethodSource("events")
    void shouldAcceptV2AsTheNextVersionInTheRegistry(String name) throws IOException {
        String subject = "evolution." + name + "-value";
        int v1Id = client.register(subject, load("schema-history/" + name + "/v1.avsc"));
        Schema v2 = load("evolution/" + name + ".v2.avsc");

        assertThat(client.isCompatible(subject, v2)).isTrue();
        assertThat(client.register(subject, v2)).isNotEqualTo(v1Id);
        assertThat(client.latest(subject).version()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("events")
    void shouldRefuseANewRequiredFieldAndATypeChange(String name) throws IOException {
        Schema v1 = load("schema-history/" + name + "/v1.avsc");
        Schema requiredField =
                variant(
                        v1,
                        fields -> fields.addObject().put("name", "reviewer").put("type", "string"));
        Schema typeChange = variant(v1, fields -> ((ObjectNode) fields.get(0)).put("type", "int"));
        String subject = "evolution." + name + "-value";
        client.register(subject, v1);

        for (Schema incompatible : List.of(requiredField, typeChange)) {
            assertThat(
                            SchemaCompatibility.checkReaderWriterCompatibility(incompatible, v1)
                                    .getType())
                    .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
            assertThat(client.isCompatible(subject, incompatible)).isFalse();
            assertThatThrownBy(() -> client.register(subject, incompatible))
                    .isInstanceOfSatisfying(
                            IncompatibleSchemaException.class,
                            e -> assertThat(e.httpStatus()).isEqualTo(409));
        }
        assertThat(client.latest(subject).version()).isEqualTo(1);
    }

    private static SpecificRecord sample(String name) {
        return SampleEvents.all().stream()
                .map(SampleEvents.Sample::value)
                .filter(v -> v.getSchema().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Schema load(String resource) throws IOException {
        try (InputStream in =
                SchemaEvolutionTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }

    private static Schema variant(Schema base, Consumer<ArrayNode> change) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(base.toString());
        change.accept((ArrayNode) root.get("fields"));
        return new Schema.Parser().parse(root.toString());
    }

    private static byte[] encode(SpecificRecord event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord readAs(Schema writer, Schema reader, byte[] bytes)
            throws IOException {
        return new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
