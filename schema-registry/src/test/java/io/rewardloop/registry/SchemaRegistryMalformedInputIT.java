package io.rewardloop.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.testing.HostileInput;
import io.rewardloop.service.testing.HostileJson;
import io.rewardloop.service.testing.HttpFuzz;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 500 malformed bodies on each endpoint of the schema registry that takes one, good requests in
 * between, over real HTTP with the Kafka journal on the real broker: every malformed body gets a
 * 4xx, every good request a 200, and the registry stays up.
 */
class SchemaRegistryMalformedInputIT {

    private static final int MALFORMED = 500;
    private static final int GOOD_EVERY = 10;
    private static final long SEED = 12;
    private static final String SUBJECT = "fuzz-value";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 =
            CompatibilityLevelTest.record("{\"name\":\"a\",\"type\":\"string\"}").toString();

    private static KafkaCluster cluster;
    private static SchemaRegistryServer server;

    @BeforeAll
    static void start() throws Exception {
        cluster = KafkaClusters.startForTests();
        server =
                SchemaRegistryServer.start(
                        Map.of(
                                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                                cluster.bootstrapServers()),
                        HttpSettings.loopbackAnyPort());
        HttpResponse<String> registered =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(url("/subjects/" + SUBJECT + "/versions"))
                                        .header("Content-Type", RegistryRoutes.CONTENT_TYPE)
                                        .POST(HttpRequest.BodyPublishers.ofString(schema(V1)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        cluster.close();
    }

    @Test
    void shouldAnswerEveryMalformedRegistrationWithA4xx() {
        fuzz(
                "POST",
                "/subjects/" + SUBJECT + "/versions",
                "schema",
                i ->
                        bytes(
                                schema(
                                        CompatibilityLevelTest.record(
                                                        "{\"name\":\"a\",\"type\":\"string\"},"
                                                                + "{\"name\":\"b"
                                                                + i
                                                                + "\",\"type\":\"int\","
                                                                + "\"default\":0}")
                                                .toString())));
    }

    @Test
    void shouldAnswerEveryMalformedLookupWithA4xx() {
        fuzz("POST", "/subjects/" + SUBJECT, "schema", i -> bytes(schema(V1)));
    }

    @Test
    void shouldAnswerEveryMalformedCompatibilityCheckWithA4xx() {
        fuzz(
                "POST",
                "/compatibility/subjects/" + SUBJECT + "/versions/latest",
                "schema",
                i -> bytes(schema(V1)));
    }

    @Test
    void shouldAnswerEveryMalformedGlobalConfigWithA4xx() {
        fuzz("PUT", "/config", "compatibility", i -> bytes(level()));
    }

    @Test
    void shouldAnswerEveryMalformedSubjectConfigWithA4xx() {
        fuzz("PUT", "/config/" + SUBJECT, "compatibility", i -> bytes(level()));
    }

    private static void fuzz(String method, String path, String field, IntFunction<byte[]> good) {
        ObjectNode template = JSON.createObjectNode();
        template.put(field, field.equals("schema") ? V1 : "BACKWARD");
        List<HostileInput> inputs =
                new HostileJson(
                                SEED,
                                template,
                                List.of(field),
                                field,
                                RegistryRoutes.MAX_BODY_BYTES + 1)
                        .bodies(MALFORMED);
        HttpFuzz.Result result = HttpFuzz.run(url(path), method, inputs, good, GOOD_EVERY);
        result.printAndCheck(method + " " + path, inputs, MALFORMED / GOOD_EVERY);
        assertThat(HttpFuzz.get(url("/health"))).isEqualTo("200");
    }

    private static String schema(String avro) {
        return JSON.createObjectNode().put("schema", avro).toString();
    }

    private static String level() {
        return JSON.createObjectNode().put("compatibility", "BACKWARD").toString();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static URI url(String path) {
        return URI.create(server.url() + path);
    }
}
