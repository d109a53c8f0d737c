package io.rewardloop.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.events.RewardScored;
import io.rewardloop.schemas.testing.FakeSchemaRegistryServer;
import java.net.URI;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {

    private static final String SUBJECT = "rlhf.rewards-value";
    private static final Schema SCHEMA = RewardScored.getClassSchema();

    private final FakeSchemaRegistryServer registry = FakeSchemaRegistryServer.start();
    private final CachingSchemaRegistryClient client =
            new CachingSchemaRegistryClient(
                    new RestSchemaRegistryClient(List.of(URI.create(registry.url()))));

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldRegisterASchemaUnderASubjectOnlyOnce() {
        int id = client.register(SUBJECT, SCHEMA);

        assertThat(client.register(SUBJECT, SCHEMA)).isEqualTo(id);
        assertThat(client.register(SUBJECT, SCHEMA)).isEqualTo(id);
        assertThat(registry.requestCount()).isEqualTo(1);
    }

    @Test
    void shouldAnswerTheSchemaOfARegisteredIdWithoutAsking() {
        int id = client.register(SUBJECT, SCHEMA);

        assertThat(client.schemaById(id)).isEqualTo(SCHEMA);
        assertThat(registry.requestCount()).isEqualTo(1);
    }

    @Test
    void shouldFetchASchemaByIdOnlyOnce() {
        int id = registry.register(SUBJECT, SCHEMA);

        for (int i = 0; i < 5; i++) {
            assertThat(client.schemaById(id)).isEqualTo(SCHEMA);
        }

        assertThat(registry.requestCount()).isEqualTo(1);
    }

    @Test
    void shouldAlwaysAskForTheLatestVersionButCacheItsId() {
        int id = registry.register(SUBJECT, SCHEMA);

        client.latest(SUBJECT);
        client.latest(SUBJECT);
        client.schemaById(id);
        client.register(SUBJECT, SCHEMA);

        assertThat(registry.requests())
                .containsExactly(
                        "GET /subjects/" + SUBJECT + "/versions/latest",
                        "GET /subjects/" + SUBJECT + "/versions/latest");
    }

    @Test
    void shouldNotCacheFailures() {
        assertThatThrownBy(() -> client.schemaById(9)).isInstanceOf(SchemaNotFoundException.class);
        assertThatThrownBy(() -> client.schemaById(9)).isInstanceOf(SchemaNotFoundException.class);

        assertThat(registry.requestCount()).isEqualTo(2);
    }
}
