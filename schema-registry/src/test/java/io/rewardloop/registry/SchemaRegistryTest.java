package io.rewardloop.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

    private static final String V1 =
            CompatibilityLevelTest.record("{\"name\":\"a\",\"type\":\"string\"}").toString();
    private static final String V2 =
            CompatibilityLevelTest.record(
                            "{\"name\":\"a\",\"type\":\"string\"},"
                                    + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}")
                    .toString();
    private static final String INCOMPATIBLE =
            CompatibilityLevelTest.record("{\"name\":\"a\",\"type\":\"int\"}").toString();

    private final RegistryState state = new RegistryState();
    private final SchemaRegistry registry =
            new SchemaRegistry(
                    state,
                    new Journal() {
                        @Override
                        public void append(JournalRecord record) {
                            record.applyTo(state);
                        }

                        @Override
                        public void catchUp() {}
                    });

    @Test
    void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        int id = registry.register("s-value", V1, null);

        assertThat(registry.register("s-value", "  " + V1 + "\n", "AVRO")).isEqualTo(id);
        assertThat(registry.versions("s-value", false)).hasSize(1);
    }

    @Test
    void shouldGiveTheSameSchemaTheSameIdUnderTwoSubjects() {
        int first = registry.register("a-value", V1, null);
        int other = registry.register("b-value", V2, null);

        assertThat(registry.register("c-value", V1, null)).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(registry.versionsWithId(first, false))
                .extracting(SchemaVersion::subject)
                .containsExactly("a-value", "c-value");
    }

    @Test
    void shouldNumberVersionsFromOneAndServeLatest() {
        registry.register("s-value", V1, null);
        int id2 = registry.register("s-value", V2, null);

        SchemaVersion latest = registry.version("s-value", "latest", false);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(id2);
        assertThat(registry.version("s-value", "1", false).schema()).isEqualTo(V1);
        assertThat(registry.lookup("s-value", V2, null, false).version()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409UnlessTheLevelIsNone() {
        registry.register("s-value", V1, null);

        assertThatThrownBy(() -> registry.register("s-value", INCOMPATIBLE, null))
                .isInstanceOfSatisfying(
                        RegistryError.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(409);
                            assertThat(e.getMessage()).contains("BACKWARD");
                        });
        registry.setLevel("s-value", CompatibilityLevel.NONE);
        assertThat(registry.register("s-value", INCOMPATIBLE, null)).isPositive();
        assertThat(registry.removeLevel("s-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.subjectLevel("s-value")).isEmpty();
    }

    @Test
    void shouldRefuseOtherSchemaTypesAndInvalidSchemasWith42201() {
        assertThatThrownBy(() -> registry.register("s-value", "{\"type\":\"object\"}", "JSON"))
                .isInstanceOfSatisfying(
                        RegistryError.class, e -> assertThat(e.errorCode()).isEqualTo(42201))
                .hasMessageContaining("JSON");
        assertThatThrownBy(() -> registry.register("s-value", "{\"type\":\"recrd\"}", null))
                .isInstanceOfSatisfying(
                        RegistryError.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
    }

    @Test
    void shouldKeepTheIdOfASoftDeletedVersionAndNeverReuseIt() {
        int id = registry.register("s-value", V1, null);
        registry.deleteSubject("s-value");

        assertThat(registry.subjects(false)).isEmpty();
        assertThat(registry.subjects(true)).containsExactly("s-value");
        assertThat(registry.schema(id)).isEqualTo(V1);
        assertThat(registry.register("s-value", V1, null)).isEqualTo(id);
        assertThat(registry.version("s-value", "latest", false).version()).isEqualTo(2);
        assertThat(registry.register("t-value", V2, null)).isEqualTo(id + 1);
    }

    @Test
    void shouldAnswerUnknownSubjectsVersionsAndIdsWithConfluentCodes() {
        registry.register("s-value", V1, null);

        assertThatThrownBy(() -> registry.versions("nope", false))
                .isInstanceOfSatisfying(
                        RegistryError.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> registry.version("s-value", "7", false))
                .isInstanceOfSatisfying(
                        RegistryError.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
        assertThatThrownBy(() -> registry.version("s-value", "zero", false))
                .isInstanceOfSatisfying(
                        RegistryError.class, e -> assertThat(e.errorCode()).isEqualTo(42202));
        assertThatThrownBy(() -> registry.schema(99))
                .isInstanceOfSatisfying(
                        RegistryError.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.lookup("s-value", V2, null, false))
                .isInstanceOfSatisfying(
                        RegistryError.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void shouldRebuildTheSameStateFromTheJournalRecords() {
        RegistryState replayed = new RegistryState();
        SchemaRegistry writer =
                new SchemaRegistry(
                        state,
                        new Journal() {
                            @Override
                            public void append(JournalRecord record) {
                                record.applyTo(state);
                                record.applyTo(replayed);
                            }

                            @Override
                            public void catchUp() {}
                        });
        int id = writer.register("s-value", V1, null);
        writer.setLevel(null, CompatibilityLevel.FULL);

        assertThat(replayed.schema(id)).contains(V1);
        assertThat(replayed.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
        assertThat(replayed.versions("s-value", false)).isEqualTo(state.versions("s-value", false));
    }
}
