package io.rewardloop.launcher;

import io.rewardloop.feedback.FeedbackIngestApp;
import io.rewardloop.feedback.IngestConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf feedback-ingest}: one feedback-ingest instance (HTTP API and the Kafka Streams
 * application) against a Kafka cluster, until stopped. Instances with the same {@code
 * feedback.application.id} share the work.
 */
@Command(
        name = "feedback-ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Run one feedback-ingest instance: HTTP and rlhf.feedback -> rlhf.preferences, rlhf.ratings.",
            "Configuration: the FEEDBACK_* environment variables (see README). Exit code 1 when it dies."
        })
final class FeedbackIngestCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        IngestConfig config = IngestConfig.from(cluster.source(Map.of()));
        return FeedbackIngestApp.run(config, spec.commandLine().getOut());
    }
}
