package io.rewardloop.launcher;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.RewardLoopException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf}: the reward loop's command line. Each subcommand is a class of its own, registered
 * in {@link Command#subcommands()} below.
 */
@Command(
        name = "rlhf",
        description = "The reward-model half of online RLHF, event-driven on Kafka.",
        mixinStandardHelpOptions = true,
        versionProvider = RlhfCommand.Version.class,
        subcommands = {
            UpCommand.class,
            DemoCommand.class,
            TopicsCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            ScoreCommand.class,
            PublishCommand.class,
            ModelsCommand.class,
            ScorerCommand.class,
            FeedbackIngestCommand.class,
            FeedbackCommand.class,
            RetrainerCommand.class,
            RetrainCommand.class,
            ReplayCommand.class,
            CommandLine.HelpCommand.class
        })
public final class RlhfCommand implements Runnable {

    @Spec private CommandSpec spec;

    /**
     * Runs {@code rlhf} with the given arguments and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with every subcommand and the project's error handling: a configuration or
     * runtime error of ours prints one line, not a stack trace.
     *
     * @return a new command line, ready to {@code execute}
     */
    public static CommandLine commandLine() {
        return new CommandLine(new RlhfCommand())
                .setExecutionExceptionHandler(
                        (e, cmd, parsed) -> {
                            if (!(e instanceof RewardLoopException)) {
                                throw e;
                            }
                            cmd.getErr().println("rlhf: " + e.getMessage());
                            cmd.getErr().flush();
                            return e instanceof ConfigException
                                    ? CommandLine.ExitCode.USAGE
                                    : CommandLine.ExitCode.SOFTWARE;
                        });
    }

    /** Without a subcommand, {@code rlhf} prints its usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the launcher jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RlhfCommand.class.getPackage().getImplementationVersion();
            return new String[] {"rlhf " + (version == null ? "(development build)" : version)};
        }
    }
}
