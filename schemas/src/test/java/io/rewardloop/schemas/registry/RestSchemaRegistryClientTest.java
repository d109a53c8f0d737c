package io.rewardloop.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.schemas.testing.FakeSchemaRegistryServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static final String SUBJECT = "rlhf.responses-value";
    private static final Schema V1 =
            SchemaBuilder.record("Thing").fields().requiredString("id").endRecord();
    private static final Schema V2_WITH_DEFAULT =
            SchemaBuilder.record("Thing")
                    .fields()
                    .requiredString("id")
                    .name("size")
                    .type()
                    .intType()
                    .intDefault(0)
                    .endRecord();
    private static final Schema V2_REQUIRED_FIELD =
            SchemaBuilder.record("Thing")
                    .fields()
                    .requiredString("id")
                    .requiredInt("size")
                    .endRecord();

    private final FakeSchemaRegistryServer registry = FakeSchemaRegistryServer.start();
    private final RestSchemaRegistryClient client = client(registry.url());

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldRegisterAndFetchASchemaById() {
        int id = client.register(SUBJECT, ResponseGenerated.getClassSchema());

        assertThat(client.schemaById(id)).isEqualTo(ResponseGenerated.getClassSchema());
        assertThat(registry.requests())
                .containsExactly(
                        "POST /subjects/rlhf.responses-value/versions", "GET /schemas/ids/" + id);
    }

    @Test
    void shouldSendTheSchemaRegistryContentType() {
        client.register(SUBJECT, V1);
        client.isCompatible(SUBJECT, V2_WITH_DEFAULT);

        assertThat(registry.contentTypes())
                .containsOnly(RestSchemaRegistryClient.CONTENT_TYPE)
                .hasSize(2);
    }

    @Test
    void shouldGiveAnIdenticalSchemaTheSameIdAndANewOneAnother() {
        int first = client.register(SUBJECT, V1);

        assertThat(client.register(SUBJECT, V1)).isEqualTo(first);
        assertThat(client.register("other-value", V1)).isEqualTo(first);
        assertThat(client.register("models-value", ModelPublished.getClassSchema()))
                .isNotEqualTo(first);
    }

    @Test
    void shouldReturnTheLatestVersionOfASubject() {
        client.register(SUBJECT, V1);
        int second = client.register(SUBJECT, V2_WITH_DEFAULT);

        RegisteredSchema latest = client.latest(SUBJECT);

        assertThat(latest).isEqualTo(new RegisteredSchema(SUBJECT, second, 2, V2_WITH_DEFAULT));
        assertThat(client.latestId(SUBJECT)).isEqualTo(second);
    }

    @Test
    void shouldAnswerCompatibilityForABackwardCompatibleAndAnIncompatibleChange() {
        client.register(SUBJECT, V1);

        assertThat(client.isCompatible(SUBJECT, V2_WITH_DEFAULT)).isTrue();
        assertThat(client.isCompatible(SUBJECT, V2_REQUIRED_FIELD)).isFalse();
    }

    @Test
    void shouldThrowSubjectNotFoundFor40401() {
        assertThatThrownBy(() -> client.latest("nobody-value"))
                .isInstanceOfSatisfying(
                        SubjectNotFoundException.class,
                        e -> {
                            assertThat(e.httpStatus()).isEqualTo(404);
                            assertThat(e.errorCode()).isEqualTo(40401);
                        })
                .hasMessageContaining("nobody-value");
        assertThatThrownBy(() -> client.isCompatible("nobody-value", V1))
                .isInstanceOf(SubjectNotFoundException.class);
    }

    @Test
    void shouldThrowSchemaNotFoundFor40403() {
        assertThatThrownBy(() -> client.schemaById(77))
                .isInstanceOfSatisfying(
                        SchemaNotFoundException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void shouldThrowIncompatibleSchemaFor409() {
        client.register(SUBJECT, V1);

        assertThatThrownBy(() -> client.register(SUBJECT, V2_REQUIRED_FIELD))
                .isInstanceOfSatisfying(
                        IncompatibleSchemaException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(409))
                .hasMessageContaining("incompatible");
    }

    @Test
    void shouldThrowInvalidSchemaFor42201() {
        registry.failNextRequests(1, 422, 42201);

        assertThatThrownBy(() -> client.register(SUBJECT, V1))
                .isInstanceOfSatisfying(
                        InvalidSchemaException.class,
                        e -> {
                            assertThat(e.httpStatus()).isEqualTo(422);
                            assertThat(e.errorCode()).isEqualTo(42201);
                        });
    }

    @Test
    void shouldThrowUnavailableForServerErrors() {
        registry.failNextRequests(1, 503, 50003);

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(
                        SchemaRegistryUnavailableException.class,
                        e -> {
                            assertThat(e.httpStatus()).isEqualTo(503);
                            assertThat(e.errorCode()).isEqualTo(50003);
                        });
    }

    @Test
    void shouldThrowUnavailableWhenNothingAnswers() {
        registry.close();

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(
                        SchemaRegistryUnavailableException.class,
                        e ->
                                assertThat(e.httpStatus())
                                        .isEqualTo(SchemaRegistryException.NO_RESPONSE))
                .hasMessageContaining("unreachable");
    }

    @Test
    void shouldFailOverToTheNextUrl() {
        FakeSchemaRegistryServer dead = FakeSchemaRegistryServer.start();
        dead.close();
        RestSchemaRegistryClient failingOver =
                new RestSchemaRegistryClient(
                        List.of(URI.create(dead.url()), URI.create(registry.url())),
                        Duration.ofSeconds(5));

        int id = failingOver.register(SUBJECT, V1);

        assertThat(failingOver.schemaById(id)).isEqualTo(V1);
    }

    private static RestSchemaRegistryClient client(String url) {
        return new RestSchemaRegistryClient(List.of(URI.create(url)), Duration.ofSeconds(5));
    }
}
