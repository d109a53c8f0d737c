package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RlhfCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = RlhfCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void shouldListUpAndTopicsInItsUsage() {
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("up").contains("topics");
    }

    @Test
    void shouldExitWithUsageCodeNamingTheKeyWhenAFlagIsInvalid() {
        int code = run("up", "--kafka-port", "70000");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("'kafka.port'").doesNotContain("Exception");
    }

    @Test
    void shouldRefuseToCreateTopicsWithoutACluster() {
        int code = run("topics", "--schema-registry-url", "embedded");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("'bootstrap.servers'");
    }
}
