package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.heads.Debiasing;
import io.rewardloop.model.heads.GatingWeights;
import io.rewardloop.model.heads.ObjectiveHeads;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.RewardModel;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rlhf publish}, {@code rlhf models list} and {@code rollback} against a real broker. */
class ModelsCommandIT {

    private static KafkaCluster kafka;

    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startBroker() {
        kafka = KafkaClusters.startForTests();
        try (Admin admin =
                Admin.create(
                        Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicAdmin.createAll(admin, Topics.all(), (short) 1);
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = RlhfCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = kafka.bootstrapServers();
        return cmd.execute(all);
    }

    private Path model(String version) throws Exception {
        float[][] weights = {{1, 0, 0, 0}};
        RewardModel heads =
                new RewardModel(
                        new ObjectiveHeads(
                                ObjectiveSet.of("helpfulness"), weights, Debiasing.none(1), null),
                        new GatingWeights(
                                new int[] {4, 1},
                                new float[][] {new float[4]},
                                new float[][] {new float[1]},
                                1f,
                                1f));
        Path directory = dir.resolve(version);
        ModelArtifact.builder()
                .setModel(heads)
                .setModelVersion(version)
                .setBackboneId("test-backbone")
                .build()
                .save(directory);
        return directory;
    }

    @Test
    void shouldPublishListAndRollBack() throws Exception {
        assertThat(run("publish", "--model", model("v1").toString())).as(err.toString()).isZero();
        assertThat(run("publish", "--model", model("v2").toString())).as(err.toString()).isZero();

        assertThat(run("publish", "--model", model("v02").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("version v02 equals v2, already published");

        assertThat(run("models", "rollback", "--to", "v1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Rolled lineage 'default' back to v1");

        assertThat(run("models", "list")).as(err.toString()).isZero();
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).contains("v1").contains("accepted");
        assertThat(lines[2]).contains("v2").contains("accepted");
        assertThat(lines[3]).contains("v1").contains("MANUAL+ROLLBACK").endsWith("LIVE");

        assertThat(run("models", "rollback", "--to", "v9")).isEqualTo(1);
        assertThat(err.toString()).contains("has no accepted version v9");
    }
}
