package io.rewardloop.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingFileReaderTest {

    @TempDir Path dir;

    @Test
    void shouldRescaleRatingsToTheUnitIntervalAndSkipNulls() throws IOException {
        Path file =
                Files.write(
                        dir.resolve("ratings.jsonl"),
                        List.of(
                                "{\"prompt\":\"p\",\"response\":\"r\",\"ratings\":"
                                        + "{\"helpfulness\":4,\"safety\":1,\"style\":null},"
                                        + "\"scales\":{\"helpfulness\":[1,5]}}"));

        List<RatedExample> examples = RatingFileReader.read(file, LineSelection.ALL);

        assertThat(examples)
                .containsExactly(
                        new RatedExample("p", "r", Map.of("helpfulness", 0.75, "safety", 1.0)));
    }

    @Test
    void shouldRejectARatingOutsideItsScale() throws IOException {
        Path file =
                Files.write(
                        dir.resolve("ratings.jsonl"),
                        List.of(
                                "{\"prompt\":\"p\",\"response\":\"r\",\"ratings\":{\"safety\":3}}"));

        assertThatThrownBy(() -> RatingFileReader.read(file, LineSelection.ALL))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining(":1: rating \"safety\" = 3.0 is outside its scale");
    }

    @Test
    void shouldRejectAnInvertedScale() throws IOException {
        Path file =
                Files.write(
                        dir.resolve("ratings.jsonl"),
                        List.of(
                                "{\"prompt\":\"p\",\"response\":\"r\",\"ratings\":{\"a\":3},"
                                        + "\"scales\":{\"a\":[5,1]}}"));

        assertThatThrownBy(() -> RatingFileReader.read(file, LineSelection.ALL))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("scale of \"a\" must be [min, max]");
    }
}
