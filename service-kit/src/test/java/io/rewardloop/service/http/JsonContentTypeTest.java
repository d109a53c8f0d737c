package io.rewardloop.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonContentTypeTest {

    @Test
    void shouldAcceptJsonInUtf8WithOrWithoutACharset() {
        assertThat(JsonContentType.mismatch("application/json")).isEmpty();
        assertThat(JsonContentType.mismatch("Application/JSON; charset=UTF-8")).isEmpty();
        assertThat(JsonContentType.mismatch("application/json;charset=\"utf8\"")).isEmpty();
    }

    @Test
    void shouldSayWhyAnotherTypeOrCharsetOrNoneIsRefused() {
        assertThat(JsonContentType.mismatch(null))
                .hasValue("no Content-Type: send application/json");
        assertThat(JsonContentType.mismatch("text/plain"))
                .hasValue("Content-Type text/plain is not application/json");
        assertThat(JsonContentType.mismatch("application/json; charset=latin1"))
                .hasValue("charset latin1 is not supported: send UTF-8");
    }

    @Test
    void shouldAcceptTheMediaTypesAnApiNames() {
        List<String> types = List.of("application/vnd.schemaregistry.v1+json", "application/json");

        assertThat(JsonContentType.mismatch("application/vnd.schemaregistry.v1+json", types))
                .isEmpty();
        assertThat(JsonContentType.mismatch("application/xml", types))
                .hasValue(
                        "Content-Type application/xml is not"
                                + " application/vnd.schemaregistry.v1+json or application/json");
    }

    @Test
    void shouldRefuseWithA415() {
        assertThatThrownBy(() -> JsonContentType.require("text/html"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(415));
    }
}
