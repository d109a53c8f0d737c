package io.rewardloop.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.schemas.SampleEvents;
import io.rewardloop.schemas.registry.RestSchemaRegistryClient;
import io.rewardloop.schemas.registry.SchemaRegistryClient;
import io.rewardloop.schemas.registry.SubjectNotFoundException;
import io.rewardloop.schemas.serde.EventSerdeConfig;
import io.rewardloop.service.HttpSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaRegistryServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String V1 =
            CompatibilityLevelTest.record("{\"name\":\"a\",\"type\":\"string\"}").toString();
    private static final String V2 =
            CompatibilityLevelTest.record(
                            "{\"name\":\"a\",\"type\":\"string\"},"
                                    + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}")
                    .toString();

    private static KafkaCluster cluster;
    private static SchemaRegistryServer server;

    @BeforeAll
    static void start() {
        cluster = KafkaClusters.startForTests();
        server = startServer();
    }

    @AfterAll
    static void stop() {
        server.close();
        cluster.close();
    }

    private static SchemaRegistryServer startServer() {
        return SchemaRegistryServer.start(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                HttpSettings.loopbackAnyPort());
    }

    @Test
    void shouldServeTheConfluentRestApiOverHttp() throws Exception {
        HttpResponse<String> registered =
                call(server, "POST", "/subjects/rest-value/versions", body(V1));
        int id = JSON.readTree(registered.body()).get("id").asInt();

        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith(RegistryRoutes.CONTENT_TYPE));
        assertThat(json(server, "GET", "/subjects", null)).contains(JSON.valueToTree("rest-value"));
        JsonNode latest = json(server, "GET", "/subjects/rest-value/versions/latest", null);
        assertThat(latest.get("id").asInt()).isEqualTo(id);
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("schema").asText()).isEqualTo(V1);
        assertThat(json(server, "GET", "/schemas/ids/" + id, null).get("schema").asText())
                .isEqualTo(V1);
        assertThat(json(server, "GET", "/schemas/ids/" + id + "/versions", null))
                .contains(JSON.readTree("{\"subject\":\"rest-value\",\"version\":1}"));
        assertThat(json(server, "POST", "/subjects/rest-value", body(V1)).get("id").asInt())
                .isEqualTo(id);
        assertThat(json(server, "GET", "/schemas/types", null).toString()).isEqualTo("[\"AVRO\"]");
        assertThat(call(server, "GET", "/health", null).body()).contains("\"UP\"");
        assertThat(
                        json(
                                        server,
                                        "POST",
                                        "/compatibility/subjects/rest-value/versions/latest",
                                        body(V2))
                                .get("is_compatible")
                                .asBoolean())
                .isTrue();
        assertThat(json(server, "GET", "/config", null).get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
        assertThat(
                        json(server, "PUT", "/config/rest-value", "{\"compatibility\":\"FULL\"}")
                                .get("compatibility")
                                .asText())
                .isEqualTo("FULL");
        assertThat(
                        json(server, "GET", "/config/rest-value", null)
                                .get("compatibilityLevel")
                                .asText())
                .isEqualTo("FULL");
    }

    @Test
    void shouldAnswerRefusalsWithConfluentErrorBodies() throws Exception {
        call(server, "POST", "/subjects/refused-value/versions", body(V1));
        String incompatible =
                CompatibilityLevelTest.record("{\"name\":\"a\",\"type\":\"int\"}").toString();

        assertRefusal(call(server, "GET", "/subjects/nope/versions", null), 404, 40401);
        assertRefusal(call(server, "GET", "/subjects/refused-value/versions/9", null), 404, 40402);
        assertRefusal(call(server, "GET", "/schemas/ids/9999", null), 404, 40403);
        assertRefusal(
                call(server, "POST", "/subjects/refused-value/versions", body(incompatible)),
                409,
                409);
        assertRefusal(
                call(
                        server,
                        "POST",
                        "/subjects/refused-value/versions",
                        "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}"),
                422,
                42201);
        assertRefusal(call(server, "GET", "/config/refused-value", null), 404, 40408);
    }

    @Test
    void shouldRoundTripEveryEventTypeInTheConfluentWireFormatThroughOurClient() {
        Map<String, Object> registryMode = EventSerdeConfig.registryMode(server.url());
        SchemaRegistryClient client =
                new RestSchemaRegistryClient(List.of(URI.create(server.url())));

        for (SampleEvents.Sample<?> sample : SampleEvents.all()) {
            roundTrip(sample, registryMode, client);
        }
        assertThat(server.registry().subjects(false))
                .contains(
                        "rlhf.responses-value",
                        "rlhf.rewards-value",
                        "rlhf.preferences-value",
                        "rlhf.ratings-value",
                        "rlhf.models-value",
                        "rlhf.control-value");
    }

    @Test
    void shouldKeepIdsAcrossARestartAndAgreeWithASecondInstance() {
        int id = server.registry().register("shared-value", V1, null);

        int second;
        try (SchemaRegistryServer other = startServer()) {
            assertThat(other.registry().lookup("shared-value", V1, null, false).id()).isEqualTo(id);
            second = other.registry().register("shared-value", V2, null);
            assertThat(second).isNotEqualTo(id);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.registry().versions("shared-value", false).size() == 2);
        assertThat(server.registry().version("shared-value", "2", false).id()).isEqualTo(second);
        try (SchemaRegistryServer restarted = startServer()) {
            assertThat(restarted.registry().schema(second)).isEqualTo(V2);
            assertThat(restarted.registry().register("another-value", V1, null)).isEqualTo(id);
        }
    }

    private static <V extends SpecificRecord> void roundTrip(
            SampleEvents.Sample<V> sample,
            Map<String, Object> registryMode,
            SchemaRegistryClient client) {
        String topic = sample.topic().name();
        try (Serde<V> serde = sample.topic().valueSerde(registryMode)) {
            byte[] bytes = serde.serializer().serialize(topic, sample.value());
            ByteBuffer wire = ByteBuffer.wrap(bytes);

            assertThat(wire.get()).as("magic byte of " + topic).isZero();
            int id = wire.getInt();
            Schema expected = sample.value().getSchema();
            assertThat(client.schemaById(id)).as(topic).isEqualTo(expected);
            assertThat(client.latest(topic + "-value").schema()).isEqualTo(expected);
            assertThat(serde.deserializer().deserialize(topic, bytes))
                    .as(topic)
                    .isEqualTo(sample.value());
        }
        assertThat(client.isCompatible(topic + "-value", client.latest(topic + "-value").schema()))
                .isTrue();
        assertThatThrownBy(() -> client.latest(topic + "-nope"))
                .isInstanceOf(SubjectNotFoundException.class);
    }

    private static void assertRefusal(HttpResponse<String> response, int status, int code)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith(RegistryRoutes.CONTENT_TYPE));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error_code").asInt()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private static String body(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static JsonNode json(SchemaRegistryServer on, String method, String path, String body)
            throws Exception {
        HttpResponse<String> response = call(on, method, path, body);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> call(
            SchemaRegistryServer on, String method, String path, String body) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(on.url() + path))
                        .header("Content-Type", RegistryRoutes.CONTENT_TYPE)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
