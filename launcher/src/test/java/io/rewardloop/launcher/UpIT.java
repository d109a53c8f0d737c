package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.registry.RestSchemaRegistryClient;
import io.rewardloop.schemas.registry.SchemaRegistryClient;
import io.rewardloop.service.KafkaSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UpIT {

    private static KafkaStack stack;
    private static Admin admin;

    @BeforeAll
    static void startStack() {
        UpConfig config =
                UpConfig.from(
                        ConfigSource.of(Map.of(), Map.of())
                                .withOverrides(Map.of("kafka.port", "0", "registry.port", "0")));
        stack = KafkaStack.start(config);
        admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                stack.bootstrapServers()));
    }

    @AfterAll
    static void stopStack() {
        admin.close();
        stack.close();
    }

    @Test
    void shouldCreateEveryTopicWithItsPartitionsAndCleanupPolicy() throws Exception {
        Set<String> names = Topics.all().stream().map(t -> t.name()).collect(Collectors.toSet());
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();

        assertThat(described.keySet()).containsExactlyInAnyOrderElementsOf(names);
        Topics.all()
                .forEach(
                        t ->
                                assertThat(described.get(t.name()).partitions())
                                        .as(t.name())
                                        .hasSize(t.partitions()));
        assertThat(cleanupPolicy("rlhf.models")).isEqualTo("compact");
        assertThat(cleanupPolicy("rlhf.responses")).isEqualTo("delete");
        assertThat(names).contains("rlhf.responses.dlq", "rlhf.feedback.dlq");
    }

    @Test
    void shouldServeTheRegistryWithTheValueSchemaOfEveryEventTopic() {
        SchemaRegistryClient client =
                new RestSchemaRegistryClient(List.of(URI.create(stack.servedRegistryUrl().get())));

        assertThat(client.latest("rlhf.responses-value").schema())
                .isEqualTo(ResponseGenerated.getClassSchema());
        assertThat(client.latest("rlhf.rewards-value").schema())
                .isEqualTo(RewardScored.getClassSchema());
        assertThat(client.latest("rlhf.models-value").schema())
                .isEqualTo(ModelPublished.getClassSchema());
        assertThat(stack.kafka().serdeConfig())
                .containsEntry("schema.registry.url", stack.servedRegistryUrl().get());
    }

    @Test
    void shouldRoundTripOneRecordOfEveryEventTypeThroughTheServedRegistry() {
        List<SmokeCheck.Result> results =
                SmokeCheck.run(stack.kafka(), Topics.all(), Duration.ofSeconds(30));
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
    }

    @Test
    void shouldRoundTripOneRecordOfEveryEventTypeInTheEmbeddedFraming() {
        List<SmokeCheck.Result> results =
                SmokeCheck.run(
                        KafkaSettings.embedded(stack.bootstrapServers()),
                        Topics.all(),
                        Duration.ofSeconds(30));

        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
        assertThat(results)
                .extracting(SmokeCheck.Result::eventType)
                .contains(
                        "ResponseGenerated",
                        "RewardScored",
                        "PreferenceRecorded",
                        "RatingRecorded",
                        "ModelPublished",
                        "ControlEvent/DriftDetected",
                        "ControlEvent/RetrainRequested",
                        "raw feedback (bytes)");
    }

    @Test
    void shouldCreateTopicsIdempotentlyOnAnExistingCluster() {
        StringWriter out = new StringWriter();
        CommandLine cmd = RlhfCommand.commandLine().setOut(new PrintWriter(out));

        assertThat(cmd.execute("topics", "--bootstrap-servers", stack.bootstrapServers())).isZero();
        assertThat(cmd.execute("topics", "--bootstrap-servers", stack.bootstrapServers())).isZero();
        assertThat(out.toString()).contains("rlhf.models").contains("compact");
    }

    @Test
    void shouldRegisterTheValueSchemasOnTheClustersOwnRegistry() throws Exception {
        String registry = stack.servedRegistryUrl().get();
        HttpResponse<String> deleted =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        registry
                                                                + "/subjects/rlhf.responses-value"))
                                        .DELETE()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        SchemaRegistryClient client = new RestSchemaRegistryClient(List.of(URI.create(registry)));
        assertThatThrownBy(() -> client.latest("rlhf.responses-value"));

        int code =
                RlhfCommand.commandLine()
                        .setOut(new PrintWriter(new StringWriter()))
                        .execute(
                                "topics",
                                "--bootstrap-servers",
                                stack.bootstrapServers(),
                                "--schema-registry-url",
                                registry);

        assertThat(code).isZero();
        assertThat(client.latest("rlhf.responses-value").schema())
                .isEqualTo(ResponseGenerated.getClassSchema());
    }

    @Test
    void shouldPassTheSmokeTestFromTheCommandLineOnItsOwnBroker() {
        StringWriter out = new StringWriter();
        CommandLine cmd = RlhfCommand.commandLine().setOut(new PrintWriter(out));

        int code = cmd.execute("up", "--smoke", "--kafka-port", "0", "--registry-port", "0");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("Schema Registry  http://127\\.0\\.0\\.1:\\d+  \\(served here")
                .contains("Broker and topics ready in")
                .contains("Smoke test passed: 8 of 8");
    }

    private static String cleanupPolicy(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get("cleanup.policy").value();
    }
}
