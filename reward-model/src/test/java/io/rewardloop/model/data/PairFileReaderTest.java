package io.rewardloop.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairFileReaderTest {

    @TempDir Path dir;

    @Test
    void shouldReadPromptChosenRejectedWithSubsetAndObjectiveField() throws IOException {
        Path file =
                write(
                        "pairs.jsonl",
                        "{\"prompt\":\"p1\",\"chosen\":\"a\",\"rejected\":\"b\",\"subset\":\"s1\"}",
                        "",
                        "{\"prompt\":\"p2\",\"chosen\":\"c\",\"rejected\":\"d\","
                                + "\"objective\":\"safety\"}");

        List<PreferencePair> pairs =
                PairFileReader.read(PairSource.parse("helpfulness=" + file), LineSelection.ALL);

        assertThat(pairs)
                .containsExactly(
                        new PreferencePair("p1", "a", "b", "helpfulness", "s1"),
                        new PreferencePair("p2", "c", "d", "safety", null));
    }

    @Test
    void shouldSplitGzippedHhRlhfDialoguesAtTheLastAssistantTurn() throws IOException {
        String history = "\n\nHuman: hi\n\nAssistant: hello\n\nHuman: tell me a joke";
        Path file = dir.resolve("hh.jsonl.gz");
        String line =
                "{\"chosen\":"
                        + quote(history + "\n\nAssistant: a good joke")
                        + ",\"rejected\":"
                        + quote(history + "\n\nAssistant: no")
                        + "}\n";
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        }

        List<PreferencePair> pairs =
                PairFileReader.read(PairSource.parse(file.toString()), LineSelection.ALL);

        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0).prompt()).isEqualTo(history + "\n\nAssistant:");
        assertThat(pairs.get(0).chosen()).isEqualTo("a good joke");
        assertThat(pairs.get(0).rejected()).isEqualTo("no");
        assertThat(pairs.get(0).objective()).isNull();
    }

    @Test
    void shouldSelectOddOrEvenLinesCountingFromOne() throws IOException {
        Path file =
                write("pairs.jsonl", pair("p1"), pair("p2"), pair("p3"), pair("p4"), pair("p5"));
        PairSource source = PairSource.parse(file.toString());

        assertThat(PairFileReader.read(source, LineSelection.ODD))
                .extracting(PreferencePair::prompt)
                .containsExactly("p1", "p3", "p5");
        assertThat(PairFileReader.read(source, LineSelection.EVEN))
                .extracting(PreferencePair::prompt)
                .containsExactly("p2", "p4");
    }

    @Test
    void shouldNameTheLineOfInvalidJson() throws IOException {
        Path file = write("bad.jsonl", pair("p1"), "{\"prompt\": \"p2\", \"chosen\": ");

        assertThatThrownBy(
                        () ->
                                PairFileReader.read(
                                        PairSource.parse(file.toString()), LineSelection.ALL))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + ":2: invalid JSON");
    }

    @Test
    void shouldNameTheMissingField() throws IOException {
        Path file = write("bad.jsonl", "{\"prompt\":\"p\",\"chosen\":\"a\"}");

        assertThatThrownBy(
                        () ->
                                PairFileReader.read(
                                        PairSource.parse(file.toString()), LineSelection.ALL))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ":1: missing field \"rejected\"");
    }

    @Test
    void shouldRejectDialoguesWithoutAnAssistantTurn() throws IOException {
        Path file = write("bad.jsonl", "{\"chosen\":\"just text\",\"rejected\":\"other\"}");

        assertThatThrownBy(
                        () ->
                                PairFileReader.read(
                                        PairSource.parse(file.toString()), LineSelection.ALL))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining(":1: no \"prompt\" field");
    }

    @Test
    void shouldSayWhenTheFileDoesNotExist() {
        Path missing = dir.resolve("missing.jsonl");

        assertThatThrownBy(
                        () ->
                                PairFileReader.read(
                                        PairSource.parse(missing.toString()), LineSelection.ALL))
                .isInstanceOf(DataFileException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void shouldReadAPathWithAnEqualsSignAsAFile() {
        PairSource source = PairSource.parse("/data/run=3/pairs.jsonl");

        assertThat(source.objective()).isNull();
        assertThat(source.file()).isEqualTo(Path.of("/data/run=3/pairs.jsonl"));
    }

    private static String pair(String prompt) {
        return "{\"prompt\":\"" + prompt + "\",\"chosen\":\"a\",\"rejected\":\"b\"}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }
}
