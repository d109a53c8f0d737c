package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.feedback.FeedbackIngestService;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.service.KafkaSettings;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rlhf feedback import} against a real ingest on the embedded broker: pairs, an HH-RLHF
 * dialogue and gzipped ratings are recorded once; bad lines are reported as FILE:LINE with the
 * reason (local ones like malformed JSON and the ingest's field errors) and make the exit code 1; a
 * rerun answers every line as a duplicate and adds no record ({@code rlhf feedback count}).
 */
class FeedbackImportIT {

    static KafkaCluster kafka;
    static FeedbackIngestService ingest;
    @TempDir static Path dir;

    @BeforeAll
    static void start() {
        kafka = KafkaClusters.startForTests();
        TopicAdmin.createAllOnSingleBroker(kafka.bootstrapServers());
        ingest =
                FeedbackIngestService.start(
                        IngestConfig.defaults(KafkaSettings.embedded(kafka.bootstrapServers()))
                                .withStreams("import-it", dir.resolve("state").toString()));
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldImportOnceReportBadLinesAndAddNothingOnARerun() throws Exception {
        Path pairs = dir.resolve("pairs.jsonl");
        Files.writeString(
                pairs,
                String.join(
                        "\n",
                        "{\"prompt\":\"2+2?\",\"chosen\":\"4\",\"rejected\":\"5\",\"subset\":\"math\"}",
                        "{\"chosen\":\"\\n\\nHuman: Hi\\n\\nAssistant: Hello!\","
                                + "\"rejected\":\"\\n\\nHuman: Hi\\n\\nAssistant: Go away.\"}",
                        "",
                        "{\"prompt\":\"p\",\"chosen\":\"same\",\"rejected\":\"same\"}",
                        "{not json",
                        ""));
        Path ratings = dir.resolve("ratings.jsonl.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(ratings))) {
            gz.write(
                    ("{\"prompt\":\"q\",\"response\":\"r\",\"ratings\":{\"helpfulness\":4,"
                                    + "\"safety\":null},\"scales\":{\"helpfulness\":[1,5],"
                                    + "\"safety\":[0,1]}}\n"
                                    + "{\"prompt\":\"q\",\"response\":\"r2\",\"ratings\":"
                                    + "{\"helpfulness\":7},\"scales\":{\"helpfulness\":[1,5]}}\n")
                            .getBytes(StandardCharsets.UTF_8));
        }

        Run first = importFiles(pairs, ratings);

        assertThat(first.code()).isEqualTo(1);
        assertThat(first.out())
                .contains("3 accepted, 0 duplicates (already recorded), 3 rejected")
                .contains(pairs + ":4: /rejected: is identical to /chosen")
                .contains(pairs + ":5: invalid JSON")
                .contains(ratings + ":2: /ratings/helpfulness:")
                .doesNotContain(pairs + ":1:")
                .doesNotContain(pairs + ":2:");
        assertThat(first.err()).contains("pairs.jsonl [").contains("100%");

        // The ingest's index learns of the records one commit later; until then a rerun may be
        // answered "accepted" again, but the topology still records nothing twice.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () ->
                                importFiles(pairs, ratings)
                                        .out()
                                        .contains("0 accepted, 3 duplicates"));
        Run again = importFiles(pairs, ratings);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.out()).contains("0 accepted, 3 duplicates (already recorded), 3 rejected");

        Run count = run("feedback", "count", "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(count.code()).isZero();
        assertThat(count.out())
                .contains("rlhf.preferences records=2 distinct=2")
                .contains("rlhf.ratings records=1 distinct=1");
    }

    private static Run importFiles(Path... files) {
        String[] args = new String[files.length + 4];
        args[0] = "feedback";
        args[1] = "import";
        args[2] = "--url=" + ingest.baseUrl();
        args[3] = "--batch=2";
        for (int i = 0; i < files.length; i++) {
            args[4 + i] = files[i].toString();
        }
        return run(args);
    }

    private static Run run(String... args) {
        CommandLine cmd = RlhfCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int code, String out, String err) {}
}
