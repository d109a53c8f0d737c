package io.rewardloop.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    private static final Schema V1 = record("{\"name\":\"a\",\"type\":\"string\"}");
    private static final Schema WITH_DEFAULT =
            record(
                    "{\"name\":\"a\",\"type\":\"string\"},"
                            + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
    private static final Schema WITHOUT_DEFAULT =
            record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}");
    private static final Schema RETYPED = record("{\"name\":\"a\",\"type\":\"int\"}");

    static Schema record(String fields) {
        return new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
    }

    @Test
    void shouldLetBackwardAddAFieldWithADefaultButNotOneWithout() {
        assertThat(CompatibilityLevel.BACKWARD.problems(WITH_DEFAULT, List.of(V1))).isEmpty();
        assertThat(CompatibilityLevel.BACKWARD.problems(WITHOUT_DEFAULT, List.of(V1)))
                .singleElement()
                .asString()
                .contains("READER_FIELD_MISSING_DEFAULT")
                .contains("b");
    }

    @Test
    void shouldLetForwardAddAFieldWithoutADefault() {
        assertThat(CompatibilityLevel.FORWARD.problems(WITHOUT_DEFAULT, List.of(V1))).isEmpty();
        assertThat(CompatibilityLevel.FULL.problems(WITHOUT_DEFAULT, List.of(V1))).isNotEmpty();
        assertThat(CompatibilityLevel.FULL.problems(WITH_DEFAULT, List.of(V1))).isEmpty();
    }

    @Test
    void shouldCheckOnlyTheLatestVersionUnlessTransitive() {
        // RETYPED cannot read V1's data; WITH_DEFAULT is the latest and cannot either.
        List<Schema> history = List.of(RETYPED, V1);
        Schema next = record("{\"name\":\"a\",\"type\":\"string\"}");

        assertThat(CompatibilityLevel.BACKWARD.problems(next, history)).isEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.problems(next, history)).isNotEmpty();
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.problems(next, history)).isNotEmpty();
        assertThat(CompatibilityLevel.NONE.problems(RETYPED, List.of(V1))).isEmpty();
    }

    @Test
    void shouldAcceptAnythingAsTheFirstVersion() {
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.problems(RETYPED, List.of())).isEmpty();
    }

    @Test
    void shouldParseLevelNamesInAnyCaseAndRefuseOthersWith42203() {
        assertThat(CompatibilityLevel.parse("forward_transitive"))
                .isEqualTo(CompatibilityLevel.FORWARD_TRANSITIVE);
        assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
                .isInstanceOfSatisfying(
                        RegistryError.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(422);
                            assertThat(e.errorCode()).isEqualTo(42203);
                        });
    }
}
