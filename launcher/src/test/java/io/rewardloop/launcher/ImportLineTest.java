package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** How {@code rlhf feedback import} turns a training-file line into a feedback item. */
class ImportLineTest {

    @Test
    void shouldKeepAPairsFieldsAndDropWhatTheIngestDoesNotTake() {
        ObjectNode item =
                ImportLine.parse(
                                "{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\","
                                        + "\"objective\":\"safety\",\"subset\":\"x\"}",
                                "import:f.jsonl")
                        .item();

        assertThat(item.toString())
                .isEqualTo(
                        "{\"kind\":\"preference\",\"prompt\":\"p\",\"chosen\":\"a\","
                                + "\"rejected\":\"b\",\"objective\":\"safety\","
                                + "\"annotatorId\":\"import:f.jsonl\"}");
    }

    @Test
    void shouldSplitAnHhRlhfDialogueAsTrainingDoes() {
        ObjectNode item =
                ImportLine.parse(
                                "{\"chosen\":\"\\n\\nHuman: Hi\\n\\nAssistant: Hello!\","
                                        + "\"rejected\":\"\\n\\nHuman: Hi\\n\\nAssistant: No.\"}",
                                "a")
                        .item();

        assertThat(item.get("prompt").textValue()).isEqualTo("\n\nHuman: Hi\n\nAssistant:");
        assertThat(item.get("chosen").textValue()).isEqualTo("Hello!");
        assertThat(item.get("rejected").textValue()).isEqualTo("No.");
    }

    @Test
    void shouldLeaveOutNullRatingsWithTheirScalesAndKeepTheLinesAnnotator() {
        ObjectNode item =
                ImportLine.parse(
                                "{\"prompt\":\"q\",\"response\":\"r\",\"annotatorId\":\"bob\","
                                        + "\"ratings\":{\"h\":4,\"s\":null},"
                                        + "\"scales\":{\"h\":[1,5],\"s\":[0,1]}}",
                                "import:r.jsonl")
                        .item();

        assertThat(item.get("kind").textValue()).isEqualTo("rating");
        assertThat(item.get("ratings").toString()).isEqualTo("{\"h\":4}");
        assertThat(item.get("scales").toString()).isEqualTo("{\"h\":[1,5]}");
        assertThat(item.get("annotatorId").textValue()).isEqualTo("bob");
    }

    @Test
    void shouldSayWhyALineCannotBeImported() {
        assertThat(ImportLine.parse("[1]", "a").error()).isEqualTo("expected a JSON object");
        assertThat(ImportLine.parse("{\"prompt\":", "a").error()).startsWith("invalid JSON");
        assertThat(ImportLine.parse("{\"prompt\":\"p\",\"chosen\":\"a\"}", "a").error())
                .isEqualTo("missing field \"rejected\"");
        assertThat(ImportLine.parse("{\"chosen\":\"a\",\"rejected\":\"b\"}", "a").error())
                .contains("not HH-RLHF dialogues");
        assertThat(
                        ImportLine.parse(
                                        "{\"prompt\":\"q\",\"response\":\"r\","
                                                + "\"ratings\":{\"h\":null}}",
                                        "a")
                                .error())
                .contains("every rating is null");
    }
}
